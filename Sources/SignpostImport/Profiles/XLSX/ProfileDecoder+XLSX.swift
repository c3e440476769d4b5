extension ProfileDecoder {
    /// The `xlsx` section: `sheet` (by name; the first when left out) and `headerRow`.
    func xlsxLayout(_ object: Any?) throws(ProfileError) -> XLSXLayout {
        guard let object else { return XLSXLayout() }
        let section = try dictionary(object, at: "xlsx")
        try onlyKeys(section, ["sheet", "headerRow", "comment"], at: "xlsx")
        var layout = XLSXLayout()
        if let sheet = try text(section["sheet"], at: "xlsx.sheet") {
            guard !sheet.trimmed.isEmpty else {
                throw ProfileError(
                    "give the sheet's name as its tab shows it, or leave sheet out for the first",
                    at: "xlsx.sheet"
                )
            }
            layout.sheet = sheet
        }
        if let row = section["headerRow"] {
            guard let number = try integer(row, at: "xlsx.headerRow"), number >= 0 else {
                throw ProfileError("give the row of the header (1 for the first; 0 for none)", at: "xlsx.headerRow")
            }
            layout.headerRow = number
        }
        return layout
    }
}
