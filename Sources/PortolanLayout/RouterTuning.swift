extension Router {
    /// How the search trades the quality of a route for speed.
    struct Tuning: Hashable, Sendable {
        /// The heuristic's factor: 1 finds the cheapest route; more runs straighter for the target and
        /// expands far fewer states, at the price of routes a little longer than need be.
        var weight: Int32
        var crossingCost: Int32
        /// The price of passing through a placed label, which then moves along its own route; `nil`: never.
        var ripCost: Int32?
        /// States a search may expand, per cell of the grid, before it gives up (a failing search would
        /// otherwise flood the whole grid).
        var budgetPerCell: Int?

        func budget(_ cells: Int) -> Int { budgetPerCell.map { $0 * cells } ?? .max }

        /// The built-in figures: the cheapest route, crossings expensive, labels fixed.
        static let careful = Tuning(weight: 1, crossingCost: Router.crossingCost, ripCost: nil, budgetPerCell: nil)
        /// Dense topologies, where crossings cannot be avoided and an exact search with dear crossings
        /// floods the grid for every route: weighted A*, cheap crossings, labels that give way.
        static let dense = Tuning(weight: 6, crossingCost: 4, ripCost: 60, budgetPerCell: 2)
    }
}
