import Foundation

/// How different two colours look: CIEDE2000 (ΔE₀₀) between their CIELAB values (sRGB, D65).
///
/// ΔE₀₀ follows what people see much better than a distance in RGB: the dashboard's old "closed" red
/// `#ff005f` and the DBMS line's pink `#ff69b4` are far apart in RGB but only 17 apart here, and users
/// mistook one for the other.
public enum ColourDistance {
    /// The least ΔE₀₀ a theme must keep between two live-state colours, and between a live-state colour
    /// and a link or device colour. 2 is barely visible side by side; 18 tells a thin line apart at a
    /// glance and leaves room for seven state colours beside the documents' thirteen.
    public static let minimumLiveStateDistance = 18.0

    /// CIEDE2000 colour difference (Sharma, Wu, Dalal 2005), with kL = kC = kH = 1.
    public static func deltaE2000(_ first: RGB, _ second: RGB) -> Double {
        deltaE2000(lab: lab(first), lab(second))
    }

    /// CIEDE2000 between two CIELAB colours (L*, a*, b*).
    public static func deltaE2000(lab first: (Double, Double, Double), _ second: (Double, Double, Double)) -> Double {
        let (l1, a1, b1) = first
        let (l2, a2, b2) = second
        let meanC = (hypot(a1, b1) + hypot(a2, b2)) / 2
        let g = 0.5 * (1 - (pow(meanC, 7) / (pow(meanC, 7) + pow(25, 7))).squareRoot())
        let a1p = (1 + g) * a1, a2p = (1 + g) * a2
        let c1p = hypot(a1p, b1), c2p = hypot(a2p, b2)
        let h1p = degrees(atan2(b1, a1p)), h2p = degrees(atan2(b2, a2p))
        let deltaL = l2 - l1
        let deltaC = c2p - c1p
        var deltaH = 0.0
        if c1p * c2p != 0 {
            deltaH = h2p - h1p
            if deltaH > 180 { deltaH -= 360 } else if deltaH < -180 { deltaH += 360 }
        }
        let bigDeltaH = 2 * (c1p * c2p).squareRoot() * sin(radians(deltaH / 2))
        let meanL = (l1 + l2) / 2
        let meanCp = (c1p + c2p) / 2
        var meanH = h1p + h2p
        if c1p * c2p != 0 {
            if abs(h1p - h2p) <= 180 {
                meanH = (h1p + h2p) / 2
            } else {
                meanH = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2
            }
        }
        let t = 1 - 0.17 * cos(radians(meanH - 30)) + 0.24 * cos(radians(2 * meanH))
            + 0.32 * cos(radians(3 * meanH + 6)) - 0.20 * cos(radians(4 * meanH - 63))
        let deltaTheta = 30 * exp(-pow((meanH - 275) / 25, 2))
        let rc = 2 * (pow(meanCp, 7) / (pow(meanCp, 7) + pow(25, 7))).squareRoot()
        let sl = 1 + 0.015 * pow(meanL - 50, 2) / (20 + pow(meanL - 50, 2)).squareRoot()
        let sc = 1 + 0.045 * meanCp
        let sh = 1 + 0.015 * meanCp * t
        let rt = -sin(radians(2 * deltaTheta)) * rc
        let l = deltaL / sl, c = deltaC / sc, h = bigDeltaH / sh
        return (l * l + c * c + h * h + rt * c * h).squareRoot()
    }

    /// CIELAB (D65) of an sRGB colour.
    static func lab(_ colour: RGB) -> (Double, Double, Double) {
        func linear(_ value: UInt8) -> Double {
            let c = Double(value) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let r = linear(colour.red), g = linear(colour.green), b = linear(colour.blue)
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    private static func degrees(_ radians: Double) -> Double {
        let value = radians * 180 / .pi
        return value < 0 ? value + 360 : value
    }

    private static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }
}
