import SignpostCore

/// Who a service is for (questions 4 and 6).
extension Rules {
    // MARK: Questions 4 and 6: whose service is it?

    /// A group service for groups the victim is in counts 1 (question 6); one for a group the victim is not known
    /// to be in is not known to suit them (question 4: -1), with the `specialist` caution for each such group.
    @inline(__always)
    static func group<Sink: FindingSink>(
        _ at: Int,
        _ profile: ServiceProfile,
        _ c: MatchContext,
        _ judgement: inout Judgement,
        _ sink: inout Sink
    ) {
        let groups = profile.specialisms & c.groups
        guard groups != 0 else { return }
        var members = c.memberGroups
        if groups & c.ageGroups != 0, let ages = c.assessment.age, ages.lowerBound >= Int(profile.minimumAge),
            ages.upperBound <= Int(profile.maximumAge)
        {
            members |= groups & c.ageGroups
        }
        if groups & ~members != 0 {
            judgement.standing.eligibility = -1
        } else {
            judgement.standing.group = 1
        }
        guard sink.explains else { return }
        for specialism in c.reading(at, { $0.specialisms }) {
            let bit = c.bits.specialisms.bit(specialism)
            guard groups & bit != 0 else { continue }
            if members & bit == 0 {
                sink.caution(.groupNotRecorded(specialism))
            } else if c.askedSpecialisms & bit != 0 {
                // Said once, among the specialisms asked for.
            } else if bit == c.childrenSpecialism {
                // Said once, as the steering to a children's service.
            } else if c.memberGroups & bit == 0, let ages = c.assessment.age {
                sink.reason(.forGroup(specialism, .age(ages)))
            } else if let gender = c.assessment.gender, c.genderBit != 0,
                c.tables.genderGroups.contains(where: { $0.bit == bit && $0.members & c.genderBit != 0 })
            {
                sink.reason(.forGroup(specialism, .gender(gender)))
            } else if let language = c.assessment.language {
                sink.reason(.forGroup(specialism, .language(language)))
            }
        }
    }
}
