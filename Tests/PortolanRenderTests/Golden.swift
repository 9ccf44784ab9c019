import PortolanTestSupport

/// Golden files under `Tests/PortolanRenderTests/Golden/` (see `GoldenFolder`).
let golden = GoldenFolder()
