#if canImport(Glibc)
import Glibc
#endif

/// The colours a terminal can show, and how a theme's colours map onto them.
public enum ColorDepth: Int, Sendable, Comparable {
    /// NO_COLOR set, or a terminal without colours: attributes only.
    case none = 0
    case eight = 8
    case sixteen = 16
    case full = 256

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(colors: Int, noColor: Bool) {
        if noColor || colors < 8 {
            self = .none
        } else if colors >= 256 {
            self = .full
        } else if colors >= 16 {
            self = .sixteen
        } else {
            self = .eight
        }
    }

    /// The nearest colour this depth has; `.default` stays the terminal's own.
    public func map(_ color: Color) -> Color {
        switch (self, color) {
        case (_, .default), (.none, _): return .default
        case (.full, .indexed): return color
        case (.full, .rgb(let r, let g, let b)): return .indexed(Palette.nearest(to: (r, g, b), among: 16..<256))
        case (_, .indexed(let index)) where Int(index) < rawValue: return color
        default:
            let rgb = Palette.rgb(of: color)
            return .indexed(Palette.nearest(to: rgb, among: 0..<rawValue))
        }
    }

    public func map(_ style: Style) -> Style {
        Style(foreground: map(style.foreground), background: map(style.background), attributes: style.attributes)
    }
}

/// The xterm colours, for mapping and for judging contrast.
public enum Palette {
    static let ansi: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    public static func rgb(ofIndex index: Int) -> (UInt8, UInt8, UInt8) {
        if index < 16 { return ansi[index] }
        if index < 232 {
            let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
            let value = index - 16
            return (levels[value / 36], levels[value / 6 % 6], levels[value % 6])
        }
        let gray = UInt8(8 + (index - 232) * 10)
        return (gray, gray, gray)
    }

    public static func rgb(of color: Color) -> (UInt8, UInt8, UInt8) {
        switch color {
        case .default: (229, 229, 229)
        case .indexed(let index): rgb(ofIndex: Int(index))
        case .rgb(let r, let g, let b): (r, g, b)
        }
    }

    static func nearest(to target: (UInt8, UInt8, UInt8), among range: Range<Int>) -> UInt8 {
        func distance(_ a: (UInt8, UInt8, UInt8)) -> Int {
            let dr = Int(a.0) - Int(target.0), dg = Int(a.1) - Int(target.1), db = Int(a.2) - Int(target.2)
            // Weighted towards green, as the eye is.
            return 2 * dr * dr + 4 * dg * dg + 3 * db * db
        }
        return UInt8(range.min { distance(rgb(ofIndex: $0)) < distance(rgb(ofIndex: $1)) }!)
    }

    /// WCAG 2 contrast ratio of two colours (1 to 21).
    public static func contrast(_ a: Color, _ b: Color) -> Double {
        func luminance(_ color: Color) -> Double {
            let (r, g, b) = rgb(of: color)
            func channel(_ value: UInt8) -> Double {
                let c = Double(value) / 255
                return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055).power(2.4)
            }
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
        }
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}

extension Double {
    func power(_ exponent: Double) -> Double {
        // exp/log keep Foundation out of this module's hot paths.
        exponent == 0 ? 1 : self <= 0 ? 0 : exp(exponent * log(self))
    }
}

