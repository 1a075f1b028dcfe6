// The built-in theme files, embedded. Each text is a byte-identical copy of the file of
// the same name in the repository's `themes/` folder (ThemeFileTests checks it): edit the
// file, then paste it here between the delimiters, keeping the four-space indentation and
// the blank line before the closing delimiter (the file's final newline).

extension ThemeSource {
    /// The built-in themes, the default (`dark`) first.
    public static let builtIn: [ThemeSource] = [.dark, .light, .highContrast, .monochrome]

    /// The default theme, for dark terminal backgrounds: `themes/dark.yaml`.
    public static let dark = ThemeSource(fileName: "dark.yaml", text: #"""
    # OpsDeck dark theme: the default, for dark terminal backgrounds.
    #
    # A palette of named colours first, then every semantic role mapped onto it.
    # A colour is 0-255 (the xterm palette), an ANSI name (black ... white,
    # bright-black ... bright-white), default (the terminal's own) or "#rrggbb"
    # (quoted; it becomes the nearest xterm-256 colour). A role takes fg, bg and
    # attrs (bold, dim, italic, underline, reverse); a role left out looks like text.
    name: dark
    palette:
      fg: 252       # bright text on panels
      ink: 16       # black text on bright backgrounds
      muted: 245
      subtle: 250
      line: 240
      panel: 236    # header and status bar
      raised: 237   # dialogs
      tab: 238
      accent: 81
      sky: 117
      orange: 214
      green: 114
      red: 203
      yellow: 221
      cream: 229
      blue: 75
    roles:
      text: {}
      muted: { fg: muted }
      header: { fg: fg, bg: panel, attrs: [bold] }
      title: { fg: accent, attrs: [bold] }
      border: { fg: line }
      tableHeader: { fg: subtle, attrs: [bold, underline] }
      selection: { fg: ink, bg: sky }
      marked: { fg: orange, attrs: [bold] }
      tabActive: { fg: ink, bg: accent, attrs: [bold] }
      tabInactive: { fg: subtle, bg: tab }
      statusBar: { fg: subtle, bg: panel }
      key: { fg: accent, attrs: [bold] }
      flashInfo: { fg: green, attrs: [bold] }
      flashError: { fg: red, attrs: [bold] }
      dialog: { fg: fg, bg: raised }
      input: { fg: cream }
      good: { fg: green }
      active: { fg: accent }
      waiting: { fg: subtle }
      attention: { fg: yellow, attrs: [bold] }
      bad: { fg: red, attrs: [bold] }
      removed: { fg: red }
      added: { fg: green }
      chart: { fg: blue }

    """#)

    /// The theme for light terminal backgrounds: `themes/light.yaml`.
    public static let light = ThemeSource(fileName: "light.yaml", text: #"""
    # OpsDeck light theme, for light terminal backgrounds.
    #
    # Text stays dark: plain text is the terminal's own colour, every other
    # foreground is a deep colour readable on white, and the light colours are
    # only ever backgrounds behind dark text.
    name: light
    palette:
      ink: 235       # near-black text
      paper: 231     # white text on deep backgrounds
      muted: 242
      line: 244
      band: 254      # header and status bar
      tab: 252
      sheet: 255     # dialogs
      accent: 25     # deep blue
      pale: 153      # selection background
      teal: 24
      green: 28
      red: 160
      darkred: 124
      darkgreen: 22
      amber: 130
      plum: 90
      navy: 18
    roles:
      text: {}
      muted: { fg: muted }
      header: { fg: ink, bg: band, attrs: [bold] }
      title: { fg: accent, attrs: [bold] }
      border: { fg: line }
      tableHeader: { fg: ink, attrs: [bold, underline] }
      selection: { fg: ink, bg: pale }
      marked: { fg: plum, attrs: [bold] }
      tabActive: { fg: paper, bg: accent, attrs: [bold] }
      tabInactive: { fg: ink, bg: tab }
      statusBar: { fg: ink, bg: band }
      key: { fg: accent, attrs: [bold] }
      flashInfo: { fg: green, attrs: [bold] }
      flashError: { fg: red, attrs: [bold] }
      dialog: { fg: ink, bg: sheet }
      input: { fg: navy }
      good: { fg: green }
      active: { fg: accent }
      waiting: { fg: muted }
      attention: { fg: amber, attrs: [bold] }
      bad: { fg: red, attrs: [bold] }
      removed: { fg: darkred }
      added: { fg: darkgreen }
      chart: { fg: teal }

    """#)

    /// The 16-colour high-contrast theme: `themes/high-contrast.yaml`.
    public static let highContrast = ThemeSource(fileName: "high-contrast.yaml", text: #"""
    # OpsDeck high-contrast theme, for dark terminal backgrounds.
    #
    # Only the 16 ANSI colours, which every colour terminal has (and lets its
    # user tune); bold where it helps; the selection and the active tab in
    # reverse video, so they stand out whatever the terminal's colours are.
    # The header is on black: on blue, bright red (a dead count) is too dark to
    # read; the status bar and dialogs, which show no red, are on blue.
    name: high-contrast
    palette:
      fg: bright-white
      muted: white
      accent: bright-cyan
      band: blue     # status bar and dialogs
      good: bright-green
      warn: bright-yellow
      bad: bright-red
    roles:
      text: {}
      muted: { fg: muted }
      header: { fg: fg, bg: black, attrs: [bold] }
      title: { fg: fg, attrs: [bold, underline] }
      border: { fg: muted }
      tableHeader: { fg: fg, attrs: [bold, underline] }
      selection: { attrs: [reverse, bold] }
      marked: { fg: warn, attrs: [bold] }
      tabActive: { attrs: [reverse, bold] }
      tabInactive: { fg: muted }
      statusBar: { fg: fg, bg: band }
      key: { fg: accent, attrs: [bold] }
      flashInfo: { fg: good, attrs: [bold] }
      flashError: { fg: fg, bg: red, attrs: [bold] }
      dialog: { fg: fg, bg: band }
      input: { fg: fg, attrs: [bold, underline] }
      good: { fg: good }
      active: { fg: accent }
      waiting: { fg: muted }
      attention: { fg: warn, attrs: [bold] }
      bad: { fg: bad, attrs: [bold] }
      removed: { fg: bad }
      added: { fg: good }
      chart: { fg: accent }

    """#)

    /// The attributes-only theme, without colours: `themes/monochrome.yaml`.
    public static let monochrome = ThemeSource(fileName: "monochrome.yaml", text: #"""
    # OpsDeck monochrome theme: no colours at all, attributes only.
    #
    # For NO_COLOR, monochrome terminals and snapshot tests: every role keeps the
    # terminal's own colours and is told apart by bold, dim, underline and reverse.
    name: monochrome
    palette: {}
    roles:
      text: {}
      muted: { attrs: [dim] }
      header: { attrs: [bold, reverse] }
      title: { attrs: [bold] }
      border: {}
      tableHeader: { attrs: [bold, underline] }
      selection: { attrs: [reverse] }
      marked: { attrs: [underline] }
      tabActive: { attrs: [bold, reverse] }
      tabInactive: {}
      statusBar: { attrs: [reverse] }
      key: { attrs: [bold] }
      flashInfo: { attrs: [bold] }
      flashError: { attrs: [bold, underline] }
      dialog: {}
      input: { attrs: [underline] }
      good: {}
      active: { attrs: [bold] }
      waiting: { attrs: [dim] }
      attention: { attrs: [bold] }
      bad: { attrs: [bold, underline] }
      removed: { attrs: [dim] }
      added: { attrs: [bold] }
      chart: {}

    """#)
}
