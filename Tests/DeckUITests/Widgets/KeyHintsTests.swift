import DeckUI
import Testing

@Suite("KeyHints")
struct KeyHintsTests {
    let theme = Theme.dark
    let hints = KeyHints([KeyHint("q", "quit"), KeyHint("/", "filter"), KeyHint("Enter", "open")])

    func render(_ hints: KeyHints, width: Int) -> Buffer {
        var buffer = Buffer(width: width, height: 1)
        hints.render(into: &buffer, area: buffer.area, theme: theme)
        return buffer
    }

    @Test("hints are \"<key> label\" pairs two spaces apart")
    func layout() {
        #expect(render(hints, width: 40).lines() == ["<q> quit  </> filter  <Enter> open"])
    }

    @Test("the key is .key, the label .muted, the gaps untouched")
    func roles() {
        let buffer = render(hints, width: 40)
        for x in 0...2 { #expect(buffer[x, 0].style == theme.style(.key), "column \(x)") }
        for x in 3...7 { #expect(buffer[x, 0].style == theme.style(.muted), "column \(x)") }
        #expect(buffer[8, 0].style == .plain)
        #expect(buffer[10, 0].style == theme.style(.key))
    }

    @Test("hints that do not fit are dropped whole, never cut")
    func dropping() {
        #expect(render(hints, width: 34).lines() == ["<q> quit  </> filter  <Enter> open"])
        #expect(render(hints, width: 33).lines() == ["<q> quit  </> filter"])
        #expect(render(hints, width: 20).lines() == ["<q> quit  </> filter"])
        #expect(render(hints, width: 19).lines() == ["<q> quit"])
        #expect(render(hints, width: 7).lines() == [""])
    }

    @Test("hints keep their order: after one is dropped, later ones are too")
    func keepsOrder() {
        let hints = KeyHints([KeyHint("Enter", "open the selected envelope"), KeyHint("q", "quit")])
        #expect(render(hints, width: 12).lines() == [""])
    }

    @Test("a hint without a label is just its key")
    func keyOnly() {
        #expect(render(KeyHints([KeyHint("?", ""), KeyHint("q", "quit")]), width: 20).lines() == ["<?>  <q> quit"])
    }
}
