import DeckUI
import Testing

@Suite("Tabs")
struct TabsTests {
    let theme = Theme.dark
    let tabs = Tabs(titles: ["Tenants", "Accounts", "Queue"], selected: 1)

    @Test("tabs are numbered from 1, padded by a space, one space apart")
    func layout() {
        var buffer = Buffer(width: 40, height: 1)
        tabs.render(into: &buffer, area: buffer.area, theme: theme)
        #expect(buffer.lines() == [" 1 Tenants   2 Accounts   3 Queue"])
    }

    @Test("the selected tab is .tabActive; other tabs, gaps and the rest of the row .tabInactive")
    func roles() {
        var buffer = Buffer(width: 40, height: 1)
        tabs.render(into: &buffer, area: buffer.area, theme: theme)
        // " 1 Tenants " spans 0–10, the gap is 11, " 2 Accounts " 12–23.
        for x in 0...11 { #expect(buffer[x, 0].style == theme.style(.tabInactive), "column \(x)") }
        for x in 12...23 { #expect(buffer[x, 0].style == theme.style(.tabActive), "column \(x)") }
        for x in 24..<40 { #expect(buffer[x, 0].style == theme.style(.tabInactive), "column \(x)") }
    }

    @Test("tabs past the right edge are clipped, and only the first row is touched")
    func clipped() {
        var buffer = Buffer(width: 15, height: 2)
        tabs.render(into: &buffer, area: buffer.area, theme: theme)
        #expect(buffer.lines() == [" 1 Tenants   2", ""])
        #expect(buffer[0, 1].style == .plain)
    }

    @Test("tab(atX:) finds the tab under a column, nil between tabs and outside the area")
    func hitTesting() {
        let area = Rect(x: 0, y: 0, width: 40, height: 1)
        #expect(tabs.tab(atX: 0, area: area) == 0)
        #expect(tabs.tab(atX: 10, area: area) == 0)
        #expect(tabs.tab(atX: 11, area: area) == nil)
        #expect(tabs.tab(atX: 12, area: area) == 1)
        #expect(tabs.tab(atX: 23, area: area) == 1)
        #expect(tabs.tab(atX: 33, area: area) == 2)
        #expect(tabs.tab(atX: 34, area: area) == nil)
        #expect(tabs.tab(atX: 40, area: area) == nil)
        #expect(tabs.tab(atX: 12, area: Rect(x: 0, y: 0, width: 12, height: 1)) == nil)
    }

    @Test("tab(atX:) is relative to the area's origin")
    func hitTestingOffset() {
        let area = Rect(x: 5, y: 3, width: 40, height: 1)
        #expect(tabs.tab(atX: 4, area: area) == nil)
        #expect(tabs.tab(atX: 5, area: area) == 0)
        #expect(tabs.tab(atX: 17, area: area) == 1)
    }

    @Test("wide titles take two columns per character in layout and hit testing")
    func wideTitles() {
        let wide = Tabs(titles: ["日本", "x"], selected: 0)
        var buffer = Buffer(width: 20, height: 1)
        wide.render(into: &buffer, area: buffer.area, theme: theme)
        #expect(buffer.lines() == [" 1 日本   2 x"])
        // " 1 日本 " is 8 columns (0–7), the gap 8, " 2 x " 9–13.
        #expect(wide.tab(atX: 7, area: buffer.area) == 0)
        #expect(wide.tab(atX: 8, area: buffer.area) == nil)
        #expect(wide.tab(atX: 9, area: buffer.area) == 1)
        #expect(buffer[9, 0].style == theme.style(.tabInactive))
        #expect(buffer[7, 0].style == theme.style(.tabActive))
    }
}
