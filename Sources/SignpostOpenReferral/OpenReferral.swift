public import SignpostCore

/// Open Referral JSON for Signpost: services, taxonomies and taxonomy terms in the shapes of the Open Referral UK 3.0
/// profile and HSDS 3.0 API examples (plus HSDS 3.1's `service_capacities`), written straight into bytes by
/// ``JSONWriter``. Nothing here uses Foundation or `JSONEncoder`.
///
/// Optional fields with no value are left out, never written as `null`; an array is written only when it has at least
/// one item (the paging envelope's `contents` always). Where ORUK 3.0 and HSDS 3.0 differ, the output carries what
/// both accept: phones inside `contacts`, `service_area` beside `name`, `term` beside `name`.
///
/// ## Service: every document
/// - `id`: the version-5 UUID of `service.id` (``OpenReferralID``); nested objects' ids are UUIDs of the service id
///   and a suffix (`#contact`), and the readable id is kept in a `signpost_id` attribute.
/// - `name`, `description`: the service's.
/// - `url`, `email`: `contact.website`, `contact.email`. ORUK requires `url`; it is left out when unknown rather
///   than filled with the provider's website.
/// - `status`: accepting and waitlist -> `active`; paused -> `temporarily closed`; closed -> `defunct`.
/// - `alert`: waitlist -> "Taking referrals onto a waiting list."; paused -> "Not taking referrals for now."
/// - `wait_time`: from `waitingTime`, "Typical wait from referral to first contact: 9 days (reported 2026-11-01)."
/// - `interpretation_services`: "The service arranges interpreters." when `offersInterpreting`.
/// - `application_process`: "Referral routes: Police referral, Self-referral." from the accepted referral routes
///   (police referral when the source gave none).
/// - `eligibility_description`: `eligibility.notes`.
/// - `minimum_age`, `maximum_age`: from `eligibility`.
/// - `assured_date`: `provenance.lastVerified`, `YYYY-MM-DD`.
/// - `last_modified`: never written; Signpost keeps no modification time.
/// - `organization`: from `provider`: `id` (a UUID), `name`, `website`, and a one-sentence `description` (HSDS requires
///   one). Signpost holds no organisation email, so it is left out.
///
/// A list item (``ServiceDetail/summary``) stops there, as the `service_list` examples do.
///
/// ## Service: full documents only
/// - `organization.organization_identifiers`: the charity number, `identifier_scheme` `GB-CHC` (the Charity
///   Commission for England and Wales), `identifier_type` "Registered charity number".
/// - `contacts`: one contact whose `phones` hold `contact.phone` (ORUK 3.0 keeps phones on contacts only; HSDS 3.0
///   allows them there too).
/// - `schedules`: one schedule whose `description` is `contact.hours`.
/// - `service_areas`: one per coverage area: `id` `SERVICE#area-CODE`; `name` and ORUK's `service_area` the area's
///   label (`Vocabularies.label(ofArea:)`); `description` its kind and code ("Police force area, ONS code
///   E23000010", or "England and Wales"); `uri` the ONS linked-data URI of an ONS (GSS) code. No `extent` or
///   `extent_type`: HSDS's `extent_type` names the format of an `extent` polygon, and Signpost has none.
/// - `service_at_locations`: one per location that may be published, each with a `location`: `location_type`
///   `physical`, `name`, `latitude`, `longitude`, and one `physical` address (`address_1`, `city`, `postal_code`,
///   `country` `GB`). A confidential location is left out entirely unless `includeConfidential`, and the ids are
///   numbered among the published locations only, so a gap in the numbers gives nothing away.
/// - `languages`: one per language spoken in-house (`name` its label, `code` Signpost's ISO 639-1 or 639-3 code),
///   plus British Sign Language (`bfi`) when `offersBSL` and it is not already listed.
/// - `funding`: "Commissioned by X" from `commissioning.commissioner`.
/// - `attributes`: one per need type and specialism: `taxonomy_term_id` (`need-types:domestic-abuse`), `link_type`
///   (`need_type` or `specialism`), `link_entity` `service`, and the nested `taxonomy_term`.
/// - `service_capacities` (HSDS 3.1): `capacity` when `available` is known (3.1 requires it): `available`,
///   `maximum`, `unit` {`id`, `name`}, `updated` (a date-time in 3.1; Signpost keeps a date, written as midnight UTC).
///
/// Channels, accessibility features, crime types, risk levels and genders are not written: HSDS attributes point at
/// taxonomy terms, and Signpost publishes only the need-type and specialism taxonomies.
///
/// ## Taxonomies
/// Two taxonomies, `need-types` and `specialisms`, whose terms are the vocabularies' terms. A term's `id` is
/// `TAXONOMY:CODE` (`need-types:domestic-abuse`); it carries `code`, `name` and ORUK's `term` (the label),
/// `description`, `taxonomy` (the taxonomy's name) and `taxonomy_id`; the taxonomy-term documents add HSDS's
/// `taxonomy_detail`, and a single taxonomy document lists its `taxonomy_terms` as the ORUK example does.
public enum OpenReferral {
    /// The HSDS version the API speaks, for `GET /`.
    public static let version = "3.0"
    /// The profile of HSDS the API follows, for `GET /`: Open Referral UK. (The reference examples give no profile
    /// URI, so this is the profile's home page.)
    public static let profile = "https://openreferraluk.org/"

    /// How much of a service to write.
    public enum ServiceDetail: Hashable, Sendable {
        /// The fully nested service (`GET /services/{id}`).
        case full
        /// The one-to-one fields and the organisation, as each item of `GET /services` has them.
        case summary
    }

    /// One service as a full JSON document (`GET /services/{id}`).
    public static func service(
        _ service: Service,
        vocabularies: Vocabularies,
        includeConfidential: Bool
    ) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 4096)
        writeService(
            service,
            vocabularies: vocabularies,
            detail: .full,
            includeConfidential: includeConfidential,
            into: &writer
        )
        return writer.bytes
    }

    /// One page of services in the paging envelope (`GET /services`). `services` are the items of this page only;
    /// `totalItems` counts every item of the result; `page` is 1-based.
    public static func servicePage(
        _ services: [Service],
        totalItems: Int,
        page: Int,
        perPage: Int,
        vocabularies: Vocabularies,
        includeConfidential: Bool
    ) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 512 + 1024 * services.count)
        writePage(totalItems: totalItems, page: page, perPage: perPage, size: services.count, into: &writer) {
            writer in
            for service in services {
                writeService(
                    service,
                    vocabularies: vocabularies,
                    detail: .summary,
                    includeConfidential: includeConfidential,
                    into: &writer
                )
            }
        }
        return writer.bytes
    }

    /// Every service as a full document, in one JSON array (the catalog's HSDS JSON export).
    public static func serviceArray(
        _ services: [Service],
        vocabularies: Vocabularies,
        includeConfidential: Bool
    ) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 3072 * services.count + 16)
        writer.beginArray()
        for service in services {
            writeService(
                service,
                vocabularies: vocabularies,
                detail: .full,
                includeConfidential: includeConfidential,
                into: &writer
            )
        }
        writer.endArray()
        return writer.bytes
    }

    /// One service's list item (`service_list` contents) as bytes, without confidential locations: what a server can
    /// prepare once per catalog and splice into every page with `servicePage(encoded:...)`.
    public static func serviceSummary(_ service: Service, vocabularies: Vocabularies) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 1024)
        writeService(service, vocabularies: vocabularies, detail: .summary, includeConfidential: false, into: &writer)
        return writer.bytes
    }

    /// A page of list items already encoded (by `serviceSummary`), in the paging envelope.
    public static func servicePage(encoded items: [[UInt8]], totalItems: Int, page: Int, perPage: Int) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 512 + items.reduce(0) { $0 + $1.count + 1 })
        writePage(totalItems: totalItems, page: page, perPage: perPage, size: items.count, into: &writer) { writer in
            for item in items { writer.rawValue(item) }
        }
        return writer.bytes
    }

    /// The number of pages `totalItems` fill at `perPage` a page: at least 1, so that an empty result is one empty page.
    static func pageCount(totalItems: Int, perPage: Int) -> Int {
        let perPage = max(1, perPage)
        let items = max(0, totalItems)
        return max(1, items / perPage + (items % perPage == 0 ? 0 : 1))
    }

    /// Writes the paging envelope (`total_items`, `total_pages`, `page_number`, `size`, `first_page`, `last_page`,
    /// `empty`, `contents`) with `size` items written by `contents`. `size` is the number of items on this page (the
    /// ORUK Page schema: "the number of entities in the current page"); `empty` says the page has none.
    static func writePage(
        totalItems: Int,
        page: Int,
        perPage: Int,
        size: Int,
        into writer: inout JSONWriter,
        contents: (inout JSONWriter) -> Void
    ) {
        let totalPages = pageCount(totalItems: totalItems, perPage: perPage)
        writer.beginObject()
        writer.key("total_items")
        writer.number(max(0, totalItems))
        writer.key("total_pages")
        writer.number(totalPages)
        writer.key("page_number")
        writer.number(page)
        writer.key("size")
        writer.number(size)
        writer.key("first_page")
        writer.bool(page <= 1)
        writer.key("last_page")
        writer.bool(page >= totalPages)
        writer.key("empty")
        writer.bool(size == 0)
        writer.key("contents")
        writer.beginArray()
        contents(&writer)
        writer.endArray()
        writer.endObject()
    }
}
