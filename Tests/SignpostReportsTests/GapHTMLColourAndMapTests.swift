import Foundation
import SignpostCore
import SignpostMatching
import SignpostReports
import Testing

/// Issue 15, item 5: the colours a reader tells apart, and the map a local-authority report draws.
@Suite("Gap report: colours and the local-authority map")
struct GapHTMLColourAndMapTests {
    let page: GapHTMLReportTests

    init() throws { page = try GapHTMLReportTests() }

    /// The colours a page uses for the statuses (from its stylesheet) and for the tile map's shades (from its key).
    func colours(_ html: String) throws -> (statuses: [String: String], shades: [String]) {
        var statuses: [String: String] = [:]
        for name in ["gap", "interpreting", "risk", "covered", "none"] {
            let pattern = try Regex("--\(name): (#[0-9a-f]{6})")
            let match = try #require(html.firstMatch(of: pattern))
            statuses[name] = String(html[match.range].split(separator: " ").last ?? "")
        }
        let legend = page.slice(html, from: "<g class=\"legend\"", to: "</g>")
        let shades = legend.matches(of: /fill="(#[0-9a-f]{6})"/).map { String($0.output.1) }
        return (statuses, shades)
    }

    /// No two statuses, and no two shades of the tile map, have nearly the same lightness, for normal vision,
    /// deuteranopia or protanopia.
    @Test("Statuses and map shades differ in lightness, also for deuteranopia and protanopia")
    func coloursDifferInLightness() throws {
        let html = page.render(page.document(split: .language, splitValues: ["pl", "ur"]))
        let (statuses, shades) = try colours(html)
        #expect(statuses.count == 5)
        #expect(shades.count == 6, "five shades and 'not analysed'")
        for vision in Vision.allCases {
            let lightness = statuses.mapValues { vision.lightness(of: $0) }
            for (a, b) in pairs(Array(lightness.keys.sorted())) {
                let difference = abs((lightness[a] ?? 0) - (lightness[b] ?? 0))
                #expect(difference >= 10, "\(vision): '\(a)' and '\(b)' differ by \(difference) in lightness")
            }
            let ramp = shades.map { vision.lightness(of: $0) }
            // Darker with each step up the scale ("not analysed", last, is white).
            for (lighter, darker) in zip(ramp.dropLast(2), ramp.dropFirst().dropLast()) {
                #expect(lighter - darker >= 10, "\(vision): \(ramp)")
            }
            #expect((ramp.last ?? 0) - (ramp.first ?? 0) >= 10, "\(vision): 'none' against 'not analysed'")
        }
    }

    @Test("A local-authority report within one force maps that force's authorities, not 43 forces")
    func localAuthorityMap() throws {
        let authorities = ["E08000032", "E08000033", "E08000034", "E08000035", "E08000036"]
        let html = page.render(page.document(areas: authorities, level: .localAuthority))
        let svg = page.slice(html, from: "<svg class=\"tile-map\"", to: "</svg>")
        #expect(svg.ranges(of: "<polygon ").count == 5)
        #expect(
            html.contains("<h2 id=\"tile-map-heading\">Gaps and cells at risk by local authority in West Yorkshire")
        )
        for name in ["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"] {
            #expect(svg.contains(">\(name)</text>"))
        }
        // Placed roughly where they lie: Bradford (north-west) above Kirklees (south); Leeds east of Bradford.
        var centres: [String: (x: Double, y: Double)] = [:]
        for match in svg.matches(of: /data-code="(\w+)" transform="translate\(([\d.]+),([\d.]+)\)"/) {
            centres[String(match.output.1)] = (Double(match.output.2) ?? -1, Double(match.output.3) ?? -1)
        }
        let bradford = try #require(centres["E08000032"])
        let kirklees = try #require(centres["E08000034"])
        let leeds = try #require(centres["E08000035"])
        #expect(bradford.y < kirklees.y)
        #expect(bradford.x < leeds.x)
        #expect(html.contains("<caption>Cells by local authority (the figures and key of the map)</caption>"))
    }

    func pairs(_ items: [String]) -> [(String, String)] {
        items.indices.flatMap { i in items.indices.filter { $0 > i }.map { (items[i], items[$0]) } }
    }
}

/// How a colour looks to a reader: the simulation matrices of Machado, Oliveira and Fernandes (2009), severity 1, on
/// linear RGB; lightness as CIE L*.
enum Vision: String, CaseIterable, CustomStringConvertible {
    case normal, deuteranopia, protanopia

    var description: String { rawValue }

    var matrix: [[Double]] {
        switch self {
        case .normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
        case .protanopia:
            [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
        case .deuteranopia:
            [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
        }
    }

    func lightness(of hex: String) -> Double {
        let digits = Array(hex.dropFirst())
        let channels = stride(from: 0, to: 6, by: 2).map { offset -> Double in
            let value = Double(Int(String(digits[offset..<offset + 2]), radix: 16) ?? 0) / 255
            return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        let seen = matrix.map { row in min(1, max(0, zip(row, channels).map { $0 * $1 }.reduce(0, +))) }
        let luminance = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2]
        let f = luminance > 0.008856 ? pow(luminance, 1.0 / 3) : 7.787 * luminance + 16.0 / 116
        return 116 * f - 16
    }
}
