import DeckCore
import Testing

/// `CatalogDrift.compare` and `ToolDrift`: drift kinds, breaking flags, fingerprints and the
/// alert's diff document.
@Suite("CatalogDrift")
struct CatalogDriftTests {
    static let sendV1: JSONValue = [
        "type": "object",
        "properties": ["to": ["type": "string"], "body": ["type": "string"]],
        "required": ["to"],
    ]
    /// `body` removed, `cc` added and required.
    static let sendV2: JSONValue = [
        "type": "object",
        "properties": ["to": ["type": "string"], "cc": ["type": "string"]],
        "required": ["to", "cc"],
    ]
    static let list: JSONValue = ["type": "object", "properties": ["max": ["type": "integer"]]]

    static func tool(_ slug: String, _ version: String, _ schema: JSONValue = list, toolkit: String = "gmail") -> CatalogTool {
        CatalogTool(slug: slug, toolkit: toolkit, version: version, schema: schema)
    }

    /// The schema change of GMAIL_SEND_EMAIL from `sendV1` to `sendV2`.
    static let sendDrift = ToolDrift(
        slug: "GMAIL_SEND_EMAIL", toolkit: "gmail", kind: .schemaChanged, fromVersion: "20251027_00",
        toVersion: "20251201_00", changes: SchemaDiff.diff(from: sendV1, to: sendV2))

    @Test func identicalCatalogsHaveNoDrift() throws {
        let catalog = [Self.tool("GMAIL_SEND_EMAIL", "20251027_00", Self.sendV1), Self.tool("GMAIL_LIST", "20251027_00")]
        #expect(CatalogDrift.compare(cached: catalog, latest: catalog).isEmpty)
        // Re-parsed copies in another order are still the same catalog.
        let copies = try catalog.reversed().map {
            CatalogTool(slug: $0.slug, toolkit: $0.toolkit, version: $0.version, schema: try JSONValue(parsing: $0.schema.canonicalText))
        }
        #expect(CatalogDrift.compare(cached: catalog, latest: copies).isEmpty)
        #expect(CatalogDrift.compare(cached: [], latest: []).isEmpty)
    }

    @Test func eachKindOfDriftSortedBySlug() {
        let cached = [
            Self.tool("GMAIL_SEND_EMAIL", "20251027_00", Self.sendV1),
            Self.tool("GMAIL_LIST", "20251027_00"),
            Self.tool("GMAIL_DELETE", "20251027_00"),
            Self.tool("GMAIL_STAR", "20251027_00"),
        ]
        let latest = [
            Self.tool("GMAIL_STAR", "20251027_00"),
            Self.tool("GMAIL_ARCHIVE", "20251201_00"),
            Self.tool("GMAIL_LIST", "20251201_00"),
            Self.tool("GMAIL_SEND_EMAIL", "20251201_00", Self.sendV2),
        ]
        let drifts = CatalogDrift.compare(cached: cached, latest: latest)
        #expect(drifts == [
            ToolDrift(slug: "GMAIL_ARCHIVE", toolkit: "gmail", kind: .toolAdded, toVersion: "20251201_00"),
            ToolDrift(slug: "GMAIL_DELETE", toolkit: "gmail", kind: .toolRemoved, fromVersion: "20251027_00"),
            ToolDrift(slug: "GMAIL_LIST", toolkit: "gmail", kind: .versionChanged, fromVersion: "20251027_00",
                      toVersion: "20251201_00"),
            Self.sendDrift,
        ])
        #expect(drifts.map(\.breaking) == [false, true, false, true])
        #expect(Self.sendDrift.changes == [
            SchemaChange(kind: .propertyRemoved, path: "/properties/body", breaking: true, before: ["type": "string"],
                         after: nil, detail: "property body removed"),
            SchemaChange(kind: .propertyAdded, path: "/properties/cc", breaking: true, before: nil,
                         after: ["type": "string"], detail: "required property cc added"),
        ])
    }

    @Test func aSchemaChangeIsBreakingOnlyWhenAChangeIs() {
        var widened = Self.list
        widened = .object((widened.objectValue ?? [:]).merging(["description": "List messages"]) { _, new in new })
        let drifts = CatalogDrift.compare(
            cached: [Self.tool("GMAIL_LIST", "20251027_00")], latest: [Self.tool("GMAIL_LIST", "20251027_00", widened)])
        #expect(drifts.map(\.kind) == [.schemaChanged])
        #expect(drifts.map(\.breaking) == [false])
        #expect(drifts.first?.changes.map(\.kind) == [.descriptionChanged])
        // Same version, different schema: still a schema change.
        #expect(drifts.first?.fromVersion == drifts.first?.toVersion)
    }

    @Test func theFirstEntryOfARepeatedSlugCounts() {
        let drifts = CatalogDrift.compare(
            cached: [Self.tool("GMAIL_LIST", "20251027_00"), Self.tool("GMAIL_LIST", "20240101_00")],
            latest: [Self.tool("GMAIL_LIST", "20251027_00"), Self.tool("GMAIL_LIST", "20251201_00")])
        #expect(drifts.isEmpty)
    }

    @Test func breakingFollowsTheKind() {
        #expect(ToolDrift(slug: "T", toolkit: "k", kind: .toolRemoved).breaking)
        #expect(!ToolDrift(slug: "T", toolkit: "k", kind: .toolAdded).breaking)
        #expect(!ToolDrift(slug: "T", toolkit: "k", kind: .versionChanged).breaking)
        #expect(!ToolDrift(slug: "T", toolkit: "k", kind: .schemaChanged).breaking)
    }

    // MARK: - Fingerprints

    @Test func theFingerprintIsFNV1aOfTheCanonicalDiffText() {
        // FNV-1a 64 of the bytes `null` and `13900` (the latter shows the zero padding).
        #expect(ToolDrift.fingerprint(slug: "S", diff: .null) == "S:5b9bc4ba528108e4")
        #expect(ToolDrift.fingerprint(slug: "S", diff: 13900) == "S:00f5898e9456454c")
        #expect(Self.sendDrift.fingerprint == ToolDrift.fingerprint(slug: "GMAIL_SEND_EMAIL", diff: Self.sendDrift.diffJSON))
    }

    @Test func fingerprintsAreStable() throws {
        // Pinned literals (checked independently): a change here re-opens every stored alert.
        #expect(Self.sendDrift.fingerprint == "GMAIL_SEND_EMAIL:12488eb3e2a4f469")
        let again = CatalogDrift.compare(
            cached: [Self.tool("GMAIL_SEND_EMAIL", "20251027_00", try JSONValue(parsing: Self.sendV1.prettyText))],
            latest: [Self.tool("GMAIL_SEND_EMAIL", "20251201_00", try JSONValue(parsing: Self.sendV2.prettyText))])
        #expect(again.map(\.fingerprint) == [Self.sendDrift.fingerprint])
        #expect(ToolDrift(slug: "GMAIL_LIST", toolkit: "gmail", kind: .toolRemoved, fromVersion: "20251027_00").fingerprint
            == "GMAIL_LIST:d9ea2217fbd18a08")
    }

    @Test func differentDriftsHaveDifferentFingerprints() {
        let base = Self.sendDrift
        var variants = [base]
        func vary(_ change: (inout ToolDrift) -> Void) {
            var drift = base
            change(&drift)
            variants.append(drift)
        }
        vary { $0.slug = "GMAIL_SEND_DRAFT" }
        vary { $0.toolkit = "outlook" }
        vary { $0.kind = .versionChanged }
        vary { $0.fromVersion = "20251028_00" }
        vary { $0.toVersion = "20251201_01" }
        vary { $0.toVersion = nil }
        vary { $0.changes.removeLast() }
        vary { $0.changes[0].breaking = false }
        vary { $0.changes[0].after = .null }
        vary { $0.changes[1].detail = "property cc added" }
        vary { $0.changes.reverse() }
        vary { $0.changes = SchemaDiff.diff(from: Self.sendV2, to: Self.sendV1) }
        #expect(Set(variants.map(\.fingerprint)).count == variants.count)
        #expect(variants.allSatisfy { $0.fingerprint.hasPrefix($0.slug + ":") && $0.fingerprint.count == $0.slug.count + 17 })
    }

    // MARK: - The alert's diff

    @Test func theDiffDocumentListsTheDrift() throws {
        #expect(Self.sendDrift.diffJSON == [
            "slug": "GMAIL_SEND_EMAIL", "toolkit": "gmail", "kind": "schema_changed", "from_version": "20251027_00",
            "to_version": "20251201_00", "breaking": true,
            "changes": [
                ["path": "/properties/body", "kind": "property_removed", "breaking": true,
                 "detail": "property body removed", "before": ["type": "string"]],
                ["path": "/properties/cc", "kind": "property_added", "breaking": true,
                 "detail": "required property cc added", "after": ["type": "string"]],
            ],
        ])
        let added = ToolDrift(slug: "GMAIL_ARCHIVE", toolkit: "gmail", kind: .toolAdded, toVersion: "20251201_00")
        #expect(added.diffJSON == [
            "slug": "GMAIL_ARCHIVE", "toolkit": "gmail", "kind": "tool_added", "from_version": nil,
            "to_version": "20251201_00", "breaking": false, "changes": [],
        ])
    }

    @Test func theDiffDocumentRoundTrips() throws {
        let drifts = [
            Self.sendDrift,
            ToolDrift(slug: "GMAIL_ARCHIVE", toolkit: "gmail", kind: .toolAdded, toVersion: "20251201_00"),
            ToolDrift(slug: "X", toolkit: "k", kind: .schemaChanged, fromVersion: "1", toVersion: "2",
                      changes: SchemaDiff.diff(from: ["default": nil, "enum": ["a"]], to: ["enum": ["b", nil]])),
        ]
        for drift in drifts {
            let text = drift.diffJSON.canonicalText
            let parsed = try JSONValue(parsing: text)
            #expect(parsed == drift.diffJSON)
            #expect(parsed.canonicalText == text)
            #expect(ToolDrift(diffJSON: parsed) == drift)
            #expect(ToolDrift.fingerprint(slug: drift.slug, diff: parsed) == drift.fingerprint)
        }
        // What the drift monitor adds (the latest definition) does not stop it being read.
        var withLatest = Self.sendDrift.diffJSON.objectValue ?? [:]
        withLatest["latest"] = ["version": "20251201_00", "schema": Self.sendV2]
        #expect(ToolDrift(diffJSON: .object(withLatest)) == Self.sendDrift)
        #expect(ToolDrift(diffJSON: ["slug": "X"]) == nil)
        #expect(ToolDrift(diffJSON: ["slug": "X", "toolkit": "k", "kind": "tool_added", "changes": [1]]) == nil)
    }

    @Test func theAlertDraftCarriesTheDrift() {
        let draft = Self.sendDrift.alertDraft(tenantID: Fixture.tenant)
        #expect(draft == DriftAlertDraft(
            tenantID: Fixture.tenant, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "gmail", kind: .schemaChanged, breaking: true,
            fromVersion: "20251027_00", toVersion: "20251201_00", diff: Self.sendDrift.diffJSON,
            fingerprint: Self.sendDrift.fingerprint))
    }

    @Test func aCachedEntryBecomesACatalogTool() {
        let entry = ToolCatalogEntry(
            tenantID: Fixture.tenant, toolSlug: "GMAIL_SEND_EMAIL", toolkit: "gmail", jsonSchema: Self.sendV1,
            version: "20251027_00", classifiedRisk: .high, fetchedAt: Fixture.now)
        #expect(CatalogTool(entry) == Self.tool("GMAIL_SEND_EMAIL", "20251027_00", Self.sendV1))
    }
}
