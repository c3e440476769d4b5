import GRDB

/// The SQLite catalog's schema, as named migrations that are only ever added to, never edited.
///
/// Import speed shapes it: `service` is keyed by its id alone (`SOURCE/RECORD-ID`, so a source's services are a range
/// of the key), and the lookup tables `service_need` and `service_area` are keyed by what is looked up, so that each
/// row costs one B-tree insert. They carry no foreign key: the import writer, the only code that writes them, deletes
/// a service's rows from the codes stored on the service row itself.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-catalog") { db in
            try db.execute(
                sql: """
                    CREATE TABLE import_run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        started_at TEXT NOT NULL,
                        files TEXT NOT NULL,
                        sources TEXT NOT NULL,
                        inserted INTEGER NOT NULL DEFAULT 0,
                        updated INTEGER NOT NULL DEFAULT 0,
                        unchanged INTEGER NOT NULL DEFAULT 0,
                        rejected INTEGER NOT NULL DEFAULT 0,
                        withdrawn INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE provider (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        charity_number TEXT,
                        website TEXT
                    );
                    CREATE TABLE service (
                        id TEXT PRIMARY KEY NOT NULL,
                        source TEXT NOT NULL,
                        source_record_id TEXT NOT NULL,
                        provider_id TEXT NOT NULL REFERENCES provider(id),
                        name TEXT NOT NULL,
                        description TEXT,
                        status TEXT NOT NULL CHECK (status IN ('accepting', 'waitlist', 'paused', 'closed')),
                        need_types TEXT NOT NULL,
                        specialisms TEXT NOT NULL,
                        min_age INTEGER,
                        max_age INTEGER,
                        genders TEXT NOT NULL,
                        crime_types TEXT NOT NULL,
                        risk_levels TEXT NOT NULL,
                        eligibility_notes TEXT,
                        languages TEXT NOT NULL,
                        interpreting INTEGER NOT NULL,
                        bsl INTEGER NOT NULL,
                        accessibility TEXT NOT NULL,
                        channels TEXT NOT NULL,
                        referral_routes TEXT NOT NULL,
                        coverage TEXT NOT NULL,
                        capacity_available INTEGER,
                        capacity_maximum INTEGER,
                        capacity_unit TEXT,
                        capacity_updated TEXT,
                        wait_days INTEGER,
                        wait_as_of TEXT,
                        commissioner TEXT,
                        contract_end TEXT,
                        phone TEXT,
                        email TEXT,
                        website TEXT,
                        opening_hours TEXT,
                        last_verified TEXT,
                        import_id INTEGER NOT NULL REFERENCES import_run(id),
                        fingerprint INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE service_location (
                        service_id TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        name TEXT,
                        address TEXT,
                        town TEXT,
                        postcode TEXT,
                        latitude REAL,
                        longitude REAL,
                        confidential INTEGER NOT NULL,
                        PRIMARY KEY (service_id, position)
                    ) WITHOUT ROWID;
                    CREATE TABLE service_need (
                        need TEXT NOT NULL,
                        service_id TEXT NOT NULL,
                        PRIMARY KEY (need, service_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE service_area (
                        area TEXT NOT NULL,
                        service_id TEXT NOT NULL,
                        PRIMARY KEY (area, service_id)
                    ) WITHOUT ROWID;
                    """
            )
        }
        // The ONS postcode geography (`signpost geography import`): postcodes keyed by their normalised text, and the
        // districts and sectors derived from them on import. Each import replaces the previous one wholly.
        migrator.registerMigration("v2-geography") { db in
            try db.execute(
                sql: """
                    CREATE TABLE postcode (
                        postcode TEXT PRIMARY KEY NOT NULL,
                        latitude REAL,
                        longitude REAL,
                        local_authority TEXT,
                        force_area TEXT,
                        terminated INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE postcode_district (
                        code TEXT PRIMARY KEY NOT NULL,
                        latitude REAL,
                        longitude REAL,
                        force_areas TEXT NOT NULL,
                        local_authorities TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE postcode_sector (
                        code TEXT PRIMARY KEY NOT NULL,
                        latitude REAL,
                        longitude REAL,
                        force_areas TEXT NOT NULL,
                        local_authorities TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE geography_import (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        imported_at TEXT NOT NULL,
                        file TEXT NOT NULL,
                        postcodes INTEGER NOT NULL,
                        terminated INTEGER NOT NULL,
                        located INTEGER NOT NULL,
                        districts INTEGER NOT NULL,
                        sectors INTEGER NOT NULL
                    );
                    """
            )
        }
        // The matcher's nearby candidates are read by a box of latitude and longitude around the victim's point.
        migrator.registerMigration("v3-location-point-index") { db in
            try db.execute(
                sql: """
                    CREATE INDEX service_location_point ON service_location (latitude, longitude)
                        WHERE confidential = 0 AND latitude IS NOT NULL;
                    """
            )
        }
        // Each gap report's statuses, so that a later report can say what changed since ("--since last-import")
        // without the commissioner keeping files. No victim data: areas, need types and statuses only.
        migrator.registerMigration("v4-gap-reports") { db in
            try db.execute(
                sql: """
                    CREATE TABLE gap_report (
                        id INTEGER PRIMARY KEY,
                        made_at TEXT NOT NULL,
                        analysis TEXT NOT NULL,
                        import_id INTEGER,
                        statuses BLOB NOT NULL
                    );
                    CREATE INDEX gap_report_analysis ON gap_report (analysis, id);
                    """
            )
        }
        // What the services report themselves between imports (issue 16): the report's time and author on the
        // service row, every change kept (no victim data), and a version the server polls to reload.
        migrator.registerMigration("v5-availability") { db in
            try db.execute(
                sql: """
                    ALTER TABLE service ADD COLUMN reported_at TEXT;
                    ALTER TABLE service ADD COLUMN reported_by TEXT;
                    CREATE TABLE availability_change (
                        id INTEGER PRIMARY KEY,
                        service_id TEXT NOT NULL,
                        changed_at TEXT NOT NULL,
                        changed_by TEXT NOT NULL,
                        old TEXT NOT NULL,
                        new TEXT NOT NULL
                    );
                    CREATE INDEX availability_change_service ON availability_change (service_id, id);
                    CREATE TABLE catalog_state (
                        only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
                        version INTEGER NOT NULL
                    );
                    INSERT INTO catalog_state (only_row, version) VALUES (1, 1);
                    """
            )
        }
        return migrator
    }

    /// The last migration: a catalog opened read-only must have it, since its columns are read.
    static let latest = "v5-availability"
}
