import Foundation
import SignpostCore
import SignpostImport

extension ImportJob {
    /// What pulling one feed took.
    public struct FeedSummary: Sendable, Codable {
        public var address: String
        public var pages: Int
        /// Services in the feed's list.
        public var listed: Int
        /// Service documents fetched.
        public var fetched: Int
        /// Taken from the cache, unchanged since the last pull.
        public var unchanged: Int
        /// Taken whole from the list.
        public var fromList: Int

        enum CodingKeys: String, CodingKey {
            case address, pages, listed, fetched, unchanged
            case fromList = "from_list"
        }
    }

    /// This job with every feed among `files` pulled (or the errors of those that failed), and what each took.
    func pullingFeeds() async -> (job: ImportJob, summaries: [FeedSummary], errors: [ImportFileError]) {
        var job = self
        var summaries: [FeedSummary] = []
        var feedErrors: [ImportFileError] = []
        for file in files where FeedPull.isFeedAddress(file) {
            do throws(FeedError) {
                var pull = try FeedPull(address: file, settings: feedSettings)
                pull.progress = feedProgress
                let pulled = try await pull.run()
                job.pulledFeeds[file] = pulled
                summaries.append(
                    FeedSummary(
                        address: file,
                        pages: pulled.pages,
                        listed: pulled.documents.count + pulled.missing.count,
                        fetched: pulled.fetched,
                        unchanged: pulled.unchanged,
                        fromList: pulled.fromList
                    )
                )
            } catch {
                feedErrors.append(ImportFileError(file: file, message: "\(error.message)"))
            }
        }
        return (job, summaries, feedErrors)
    }

    /// Reads the documents pulled from a feed as the HSDS reader reads a folder (an hsds profile's term map and fields
    /// apply); a service the list named and whose document was gone is rejected, so `--replace` keeps its old copy.
    func readFeed(
        _ address: String,
        pulled: FeedPull.Result,
        emit: (([Service]) -> Void)?
    ) throws(ImportFileError) -> ParsedList {
        if let profile, profile.layout != .openReferralTables {
            throw ImportFileError(
                file: address,
                message: "an Open Referral feed is read as HSDS; the profile \(profile.name) reads another layout "
                    + "(give an hsds profile, or none)"
            )
        }
        let host = (try? FeedPull(address: address))?.hostName ?? address
        let listSource = source ?? profile?.source ?? SourceName(host)
        let result = HSDSTabularReader.read(
            documents: pulled.documents,
            feed: address,
            vocabularies: vocabularies,
            source: listSource,
            termMap: profile?.maps[ImportProfile.taxonomyTermMap],
            rules: profile?.fields ?? []
        )
        let missing = pulled.missing.map { id in
            ImportIssue(
                file: address,
                field: "id",
                recordID: id,
                value: id,
                message: "the feed lists the service, but its document was gone (404) when asked for; it was not "
                    + "imported"
            )
        }
        emit?(result.services)
        var list = ParsedList(
            file: address,
            format: .openReferralFeed,
            source: listSource,
            recordCount: result.recordCount + missing.count,
            services: emit == nil ? result.services : [],
            issues: missing + result.issues
                + result.unmapped.map { value in
                    var issue = value.issue
                    if let line = issue.line { issue.place = "service \(line) of the feed" }
                    return issue
                }
        )
        list.acceptedCount = result.services.count
        list.unmapped = result.unmapped
        list.formatVersion = "ORUK 3.0"
        list.profile = profile?.name
        return list
    }
}
