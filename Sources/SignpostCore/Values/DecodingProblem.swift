/// Why a JSON document (a needs assessment, score weights) could not be decoded, in words that name the field:
/// "age: Expected Int but found a string", "missing needs".
public enum DecodingProblem {
    public static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "\(path): ") + context.debugDescription
        case .keyNotFound(let key, _):
            return "missing \(key.stringValue)"
        default:
            return "not valid JSON"
        }
    }
}
