import PortolanRender

/// What changed between two frames: the terminal backend sends only these cells.
public enum CanvasDiff {
    /// The number of cells that differ; every cell when the sizes differ.
    public static func changedCells(from old: Canvas, to new: Canvas) -> Int {
        guard old.width == new.width, old.height == new.height else { return new.width * new.height }
        var count = 0
        for (a, b) in zip(old.cells, new.cells) where a != b { count += 1 }
        return count
    }
}
