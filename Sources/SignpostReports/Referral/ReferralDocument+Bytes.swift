import SignpostCore
import SignpostMatching
public import SignpostOpenReferral

extension ReferralDocument {
    /// The document as compact JSON written straight into bytes: the same object as `JSONOutput.encode(self)` (same
    /// keys, in the same sorted order; a test holds the two to each other), at a fraction of the cost, for the API.
    public func jsonBytes() -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 8192)
        writer.beginObject()
        writer.key("candidates")
        writer.number(candidates)
        writer.key("cautions")
        Self.write(cautions, into: &writer)
        writer.key("excluded")
        writer.beginArray()
        for miss in excluded {
            writer.beginObject()
            writer.field("name", miss.name)
            writer.field("provider", miss.provider)
            writer.key("reasons")
            Self.write(miss.reasons, into: &writer)
            writer.field("service_id", miss.serviceId)
            writer.endObject()
        }
        writer.endArray()
        writer.key("location")
        Self.write(location, into: &writer)
        writer.key("suggestions")
        writer.beginArray()
        for suggestion in suggestions { Self.write(suggestion, into: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    private static func write(_ suggestion: Suggestion, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("breakdown")
        let parts = suggestion.breakdown
        writer.beginObject()
        writer.field("accessibility", parts.accessibility)
        writer.field("capacity", parts.capacity)
        writer.field("channel", parts.channel)
        writer.field("distance", parts.distance)
        writer.field("freshness", parts.freshness)
        writer.field("waiting_time", parts.waitingTime)
        writer.endObject()
        writer.key("cautions")
        write(suggestion.cautions, into: &writer)
        writer.key("contact")
        writer.beginObject()
        writer.field("email", suggestion.contact.email)
        writer.field("hours", suggestion.contact.hours)
        writer.field("phone", suggestion.contact.phone)
        writer.field("website", suggestion.contact.website)
        writer.endObject()
        writer.field("distance_km", suggestion.distanceKm)
        writer.field("how_to_refer", suggestion.howToRefer)
        writer.field("name", suggestion.name)
        writer.field("provider", suggestion.provider)
        writer.field("rank", suggestion.rank)
        writer.key("reasons")
        write(suggestion.reasons, into: &writer)
        writer.key("referral_routes")
        writer.beginArray()
        for route in suggestion.referralRoutes { writer.string(route) }
        writer.endArray()
        writer.field("score", suggestion.score)
        writer.field("service_id", suggestion.serviceId)
        writer.key("standing")
        let standing = suggestion.standing
        writer.beginObject()
        writer.field("covers", standing.covers)
        writer.field("eligibility", standing.eligibility)
        writer.field("group", standing.group)
        writer.field("language", standing.language)
        writer.field("needs", standing.needs)
        writer.field("place", standing.place)
        writer.field("primary_needs", standing.primaryNeeds)
        writer.field("specialisms_asked", standing.specialismsAsked)
        writer.field("steered", standing.steered)
        writer.endObject()
        writer.field("status", suggestion.status)
        writer.field("summary", suggestion.summary)
        writer.field("town", suggestion.town)
        writer.field("wait_days", suggestion.waitDays)
        writer.endObject()
    }

    private static func write(_ notes: [Note], into writer: inout JSONWriter) {
        writer.beginArray()
        for note in notes {
            writer.beginObject()
            writer.field("code", note.code)
            writer.field("text", note.text)
            writer.endObject()
        }
        writer.endArray()
    }

    private static func write(_ location: ResolvedLocation, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("areas")
        writer.beginArray()
        for area in location.areas.sorted() { writer.string(area.rawValue) }
        writer.endArray()
        writer.key("force_areas")
        writer.beginArray()
        for area in location.forceAreas { writer.string(area.rawValue) }
        writer.endArray()
        writer.field("is_ambiguous", location.isAmbiguous)
        writer.field("local_authority", location.localAuthority?.rawValue)
        writer.field("method", location.method)
        if let point = location.point {
            writer.key("point")
            writer.beginObject()
            writer.field("latitude", point.latitude)
            writer.field("longitude", point.longitude)
            writer.endObject()
        }
        writer.field("query", location.query)
        writer.endObject()
    }
}
