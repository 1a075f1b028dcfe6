import AsyncHTTPClient
import DeckCore
import NIOCore
import NIOHTTP1

extension ComposioClient {
    /// Sends one request and returns the parsed JSON of a 2xx answer; any other outcome
    /// throws a classified `ProviderError`.
    ///
    /// `segments` follow `/api/v3.1/`, each percent-encoded (a slug cannot change the
    /// path); `query` values are percent-encoded too. `thing` names the answer in
    /// malformed-response messages.
    func send(
        _ method: HTTPMethod, _ segments: [String], query: [(String, String)] = [], body: String? = nil,
        thing: String
    ) async throws(ProviderError) -> JSONValue {
        let path = ComposioConfiguration.apiPathPrefix + "/" + segments.map(Self.encode).joined(separator: "/")
        let display = "\(method.rawValue) \(path)"
        let queryText = query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var request = HTTPClientRequest(url: configuration.baseURL + path + (queryText.isEmpty ? "" : "?" + queryText))
        request.method = method
        request.headers.add(name: "x-api-key", value: configuration.apiKey.secret)
        request.headers.add(name: "accept", value: "application/json")
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }

        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: Self.timeAmount(configuration.requestTimeout))
        } catch {
            throw transportFailure(error, request: display)
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            // The status decides the kind; a body that cannot be read (too long, cut off)
            // only loses the message.
            let bytes = (try? await Self.collect(response, upTo: Self.maximumErrorBodyBytes)) ?? []
            throw ComposioFailure.http(
                status: status, body: bytes, retryAfter: response.headers.first(name: "retry-after"),
                retryAfterMilliseconds: response.headers.first(name: "retry-after-ms"), now: clock.now(),
                key: configuration.apiKey)
        }
        let bytes: [UInt8]
        do {
            bytes = try await Self.collect(response, upTo: configuration.maximumResponseBytes)
        } catch {
            throw transportFailure(error, request: display)
        }
        do {
            return try JSONValue(parsing: bytes)
        } catch {
            throw ComposioFields.malformed(thing, "the response is not JSON (\(error.reason))")
        }
    }

    /// The most of an error response's body read for its message.
    static let maximumErrorBodyBytes = 64 * 1024

    /// The whole body, at most `limit` bytes long.
    static func collect(_ response: HTTPClientResponse, upTo limit: Int) async throws -> [UInt8] {
        var buffer = try await response.body.collect(upTo: limit)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// The classified error of a call that got no complete answer.
    private func transportFailure(_ error: any Error, request: String) -> ProviderError {
        ComposioFailure.transport(
            error, request: request, timeout: configuration.requestTimeout, maximumBytes: configuration.maximumResponseBytes)
    }

    /// `text` percent-encoded for a path segment or query component: only RFC 3986
    /// unreserved characters, and `,` (which separates lists), pass as they are.
    static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: ","):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
