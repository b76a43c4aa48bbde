import TerminalUI

/// Where everything goes on a screen of a given size. The reducer (for scrolling and paging)
/// and the views use the same rectangles.
public struct Layout: Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    /// From this width on the detail stands beside the list; below it, under the list.
    public static let sideBySideWidth = 120

    public let size: Size

    public init(_ size: Size) { self.size = size }

    public var isTooSmall: Bool { size.width < Self.minimumWidth || size.height < Self.minimumHeight }

    public var tabBar: Rect { Rect(x: 0, y: 0, width: size.width, height: 1) }
    public var content: Rect { Rect(x: 0, y: 1, width: size.width, height: size.height - 3) }
    public var statusLine: Rect { Rect(x: 0, y: size.height - 2, width: size.width, height: 1) }
    public var bottomLine: Rect { Rect(x: 0, y: size.height - 1, width: size.width, height: 1) }

    public var isSideBySide: Bool { size.width >= Self.sideBySideWidth }

    /// The list (with its header row) and the detail of a list pane.
    public var listAndDetail: (list: Rect, detail: Rect) {
        let area = content
        if isSideBySide {
            let listWidth = max(60, area.width - max(46, area.width * 2 / 5))
            let (list, rest) = area.splitHorizontally(leftWidth: listWidth)
            // One column of border between them.
            return (list, Rect(x: rest.x + 1, y: rest.y, width: rest.width - 1, height: rest.height))
        }
        let (list, rest) = area.splitVertically(topHeight: max(6, area.height / 2))
        return (list, Rect(x: rest.x, y: rest.y + 1, width: rest.width, height: rest.height - 1))
    }

    /// The width the detail's text is wrapped to (a column of margin each side) and its rows.
    public var detailTextWidth: Int { listAndDetail.detail.width - 2 }
    public var detailRows: Int { listAndDetail.detail.height }

    /// Rows of records a list pane shows at once (below its header).
    public var listRows: Int { max(1, listAndDetail.list.height - 1) }

    /// How the overview's right column shares its rows between the agreements that end soon and
    /// the events, given how many of each there are: each list gets the rows it needs when both
    /// fit, else half each with the rows one does not need going to the other. Besides the rows,
    /// the column holds two headers and the line under the agreements (which says how many more
    /// there are when they do not all fit).
    public func overviewRows(endingSoon: Int, events: Int) -> (endingSoon: Int, events: Int) {
        let free = max(2, overviewColumns.right.height - 3)
        let wanted = (endingSoon: max(1, endingSoon), events: max(1, events))
        if wanted.endingSoon + wanted.events <= free { return wanted }
        let half = (free + 1) / 2
        let ending = wanted.events < free - half ? free - wanted.events : min(wanted.endingSoon, half)
        return (ending, free - ending)
    }

    /// The overview's two columns above the objectives block.
    public var overviewColumns: (left: Rect, right: Rect) {
        let area = content
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2 - 7)
        let (left, right) = body.splitHorizontally(leftWidth: body.width * 2 / 5)
        return (left, Rect(x: right.x + 2, y: right.y, width: right.width - 2, height: right.height))
    }

    public var overviewObjectives: Rect {
        let area = content
        return Rect(x: area.x, y: area.maxY - 6, width: area.width, height: 6)
    }
}
