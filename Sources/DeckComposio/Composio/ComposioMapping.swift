import DeckCore

/// Pure translations of Composio's JSON into DeckCore's provider types.
///
/// Each function builds the whole value or throws `.permanent` "Composio sent a malformed
/// <thing>: …" — never a half-built result. What each requires is listed on the function;
/// everything else is optional with a stated default, and unknown members are ignored.
enum ComposioMapping {
    /// A page `{items, next_cursor, …}`, every item mapped by `item` (given the item and
    /// its path, `items[3]`). An empty or `null` `next_cursor` ends the listing.
    static func page<Item>(
        _ body: JSONValue, thing: String, item: (JSONValue, String) throws(ProviderError) -> Item
    ) throws(ProviderError) -> ProviderPage<Item> {
        let fields = try ComposioFields(body, thing: thing)
        let values = try fields.array("items")
        var items: [Item] = []
        items.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            items.append(try item(value, "items[\(index)]"))
        }
        let next = try fields.optionalString("next_cursor")
        return ProviderPage(items: items, nextCursor: next?.isEmpty == false ? next : nil)
    }

    /// A tool item. Requires `slug`, `version`, `toolkit.slug` and `input_parameters` (an
    /// object); `output_parameters` must be an object when present (`{}` when missing);
    /// `name` defaults to the slug, `description` to `human_description` or "", lists to `[]`,
    /// `is_deprecated` and `no_auth` to false.
    static func tool(_ value: JSONValue, at path: String = "", thing: String) throws(ProviderError) -> ToolDefinition {
        let fields = try ComposioFields(value, at: path, thing: thing)
        let slug = try fields.nonEmptyString("slug")
        let toolkit = try fields.object("toolkit").nonEmptyString("slug")
        var description = try fields.optionalString("description")
        if description == nil { description = try fields.optionalString("human_description") }
        return ToolDefinition(
            slug: slug,
            name: try fields.optionalString("name") ?? slug,
            description: description ?? "",
            toolkit: toolkit,
            version: try fields.nonEmptyString("version"),
            availableVersions: try fields.strings("available_versions"),
            inputSchema: try fields.schema("input_parameters", required: true),
            outputSchema: try fields.schema("output_parameters", required: false),
            tags: try fields.strings("tags"),
            scopes: try fields.strings("scopes"),
            isDeprecated: try fields.bool("is_deprecated", default: false),
            noAuth: try fields.bool("no_auth", default: false))
    }

    /// A toolkit item. Requires `slug`; `name` defaults to the slug; `meta` is optional, and
    /// within it `categories` (each requiring `id`) defaults to `[]` and `tools_count` to 0.
    static func toolkit(_ value: JSONValue, at path: String, thing: String) throws(ProviderError) -> ToolkitInfo {
        let fields = try ComposioFields(value, at: path, thing: thing)
        let slug = try fields.nonEmptyString("slug")
        var categories: [ToolkitInfo.Category] = []
        var toolsCount = 0
        if let meta = try fields.optionalObject("meta") {
            if meta.value("categories") != nil {
                for (index, item) in try meta.array("categories").enumerated() {
                    categories.append(try category(item, at: meta.place("categories[\(index)]"), thing: thing))
                }
            }
            toolsCount = try meta.count("tools_count", default: 0)
        }
        return ToolkitInfo(
            slug: slug, name: try fields.optionalString("name") ?? slug, categories: categories, toolsCount: toolsCount)
    }

    /// A category `{id, name}`; requires `id`, `name` defaults to it.
    static func category(_ value: JSONValue, at path: String, thing: String) throws(ProviderError) -> ToolkitInfo.Category {
        let fields = try ComposioFields(value, at: path, thing: thing)
        let id = try fields.nonEmptyString("id")
        return ToolkitInfo.Category(id: id, name: try fields.optionalString("name") ?? id)
    }

    /// The category listing: Composio answers a page `{items: […], …}`; a bare array is
    /// accepted too. Any `next_cursor` is ignored — the endpoint takes no cursor and serves
    /// every category at once.
    static func categories(_ body: JSONValue, thing: String) throws(ProviderError) -> [ToolkitInfo.Category] {
        let values: [JSONValue]
        let prefix: String
        if case .array(let items) = body {
            (values, prefix) = (items, "")
        } else {
            (values, prefix) = (try ComposioFields(body, thing: thing).array("items"), "items")
        }
        var categories: [ToolkitInfo.Category] = []
        categories.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            categories.append(try category(value, at: "\(prefix)[\(index)]", thing: thing))
        }
        return categories
    }
}
