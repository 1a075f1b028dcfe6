extension Color {
    /// The xterm-256 entry nearest to an RGB colour: a colour of the 6×6×6 cube (16–231)
    /// or of the grey ramp (232–255), whichever is closer in RGB distance.
    ///
    /// The classic 16 colours (0–15) are never chosen, because terminals tune them freely.
    /// On a tie the lower index wins, so pure black is 16 and pure white 231, not a grey.
    /// For example `#ff0000` is 196, `#808080` is grey 244 (exactly 128,128,128) and
    /// `#5f87af` is 67.
    public static func nearest(red: UInt8, green: UInt8, blue: UInt8) -> Color {
        let (r, g, b) = (Int(red), Int(green), Int(blue))
        var best: UInt8 = 16
        var bestDistance = Int.max
        for index in UInt8(16)...UInt8(255) {
            let (pr, pg, pb) = Color.rgb(ofPaletteIndex: index)
            let distance = (pr - r) * (pr - r) + (pg - g) * (pg - g) + (pb - b) * (pb - b)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return .indexed(best)
    }
}
