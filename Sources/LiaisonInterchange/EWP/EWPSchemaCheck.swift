/// One way a document breaks its XSD: where (file, line, the element's path such as
/// `iias-get-response/iia[1]/cooperation-conditions/staff-teacher-mobility-spec[2]/mobilities-per-year`)
/// and what, in plain words.
public struct EWPSchemaProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var path: String
    public var message: String

    public var description: String { "\(file):\(line): \(path): \(message)" }
}

/// Checks a parsed EWP document against `EWPSchema`'s tables, without xmllint: the root and the
/// namespaces, each element's children in the XSD's order and number, attributes, and the
/// simple types of values. Within one element's children, the first one out of place is
/// reported and the rest of them are not looked at, as a validator does; other elements go on
/// being checked, so that one run lists the problems of every IIA.
public enum EWPSchemaCheck {
    /// Attributes of the XML Schema instance namespace, allowed on any element.
    private static let schemaInstanceAttributes: Set<String> = ["schemaLocation", "noNamespaceSchemaLocation"]

    public static func problems(in root: EWPXMLElement, file: String) -> [EWPSchemaProblem] {
        var check = Walk(file: file)
        guard let rule = EWPSchema.roots.first(where: { $0.name == root.name }) else {
            let known = EWPSchema.roots.map { "<\($0.name)>" }.joined(separator: " or ")
            check.report(root.line, root.name, "is not an EWP document Liaison reads: expected \(known) (an IIA get-response v7 or an Institutions response v2)")
            return check.problems
        }
        // A root in another namespace is another version of the API (IIA v6, say): one line
        // that says so, rather than one per element below it.
        if root.namespace != rule.namespace {
            let actual = root.namespace.map { "is in the namespace \($0)" } ?? "has no namespace"
            let version = root.namespace.flatMap(Self.version).map { " (version \($0))" } ?? ""
            check.report(root.line, root.name, "\(actual)\(version); Liaison reads \(rule.namespace) (IIA API v7, Institutions API v2)")
            return check.problems
        }
        check.element(root, rule, path: root.name)
        return check.problems
    }

    /// The `stable-vN` an EWP namespace names, as `vN`.
    static func version(of namespace: String) -> String? {
        guard let range = namespace.range(of: "stable-v") else { return nil }
        let digits = namespace[range.upperBound...].prefix { $0.isNumber }
        return digits.isEmpty ? nil : "v" + digits
    }

    private struct Walk {
        let file: String
        var problems: [EWPSchemaProblem] = []

        mutating func report(_ line: Int, _ path: String, _ message: String) {
            problems.append(EWPSchemaProblem(file: file, line: line, path: path, message: message))
        }

        mutating func element(_ element: EWPXMLElement, _ rule: EWPElementRule, path: String) {
            if element.namespace != rule.namespace {
                let actual = element.namespace.map { "is in the namespace \($0)" } ?? "has no namespace"
                report(element.line, path, "\(actual); the XSD puts <\(rule.name)> in \(rule.namespace)")
            }
            attributes(of: element, rule, path: path)
            switch rule.content {
            case .simple(let type):
                if let child = element.children.first {
                    report(child.line, path, "holds only a value, not elements such as <\(child.name)>")
                } else if let problem = type.problem(with: element.stringValue) {
                    report(element.line, path, problem)
                }
            case .sequence(let rules):
                text(of: element, path: path)
                sequence(element, rules, path: path)
            case .loose(let rules):
                text(of: element, path: path)
                loose(element, rules, path: path)
            case .unchecked:
                break
            }
        }

        mutating func attributes(of element: EWPXMLElement, _ rule: EWPElementRule, path: String) {
            for name in element.attributes.keys.sorted() where !schemaInstanceAttributes.contains(name) {
                guard let attribute = rule.attributes.first(where: { $0.name == name }) else {
                    report(element.line, path, "has the attribute \(name), which the XSD does not allow there")
                    continue
                }
                if let problem = attribute.type.problem(with: element.attributes[name]!) {
                    report(element.line, "\(path)/@\(name)", problem)
                }
            }
            for attribute in rule.attributes where attribute.required && element.attributes[attribute.name] == nil {
                report(element.line, path, "lacks the attribute \(attribute.name), which is required")
            }
        }

        /// Text between child elements, where the XSD allows only elements.
        mutating func text(of element: EWPXMLElement, path: String) {
            for case .text(let text) in element.content where !text.trimmed.isEmpty {
                report(element.line, path, "holds the text \"\(text.trimmed)\" where only elements are allowed")
                return
            }
        }

        /// The children along an XSD sequence: each rule takes as many of the next children of its
        /// name as it allows; a rule left short, or a child no rule takes, is the problem.
        mutating func sequence(_ element: EWPXMLElement, _ rules: [EWPElementRule], path: String) {
            let children = element.children
            var index = 0
            for (position, rule) in rules.enumerated() {
                var count = 0
                while index < children.count, children[index].name == rule.name, count < rule.max ?? Int.max {
                    count += 1
                    self.element(children[index], rule, path: childPath(path, rule.name, ordinal: count, numbered: rule.repeats))
                    index += 1
                }
                guard count < rule.min else { continue }
                guard index < children.count else {
                    report(element.line, path, "lacks <\(rule.name)> at its end, which is required" + shortfall(rule, count))
                    continue
                }
                let next = children[index]
                // A child out of place is the problem, not the required ones that seem missing after it.
                if rules[..<position].contains(where: { $0.name == next.name }) || children[index...].contains(where: { $0.name == rule.name }) {
                    return misplaced(at: index, in: children, rules, path: path)
                }
                report(next.line, path, "lacks <\(rule.name)> before <\(next.name)> on line \(next.line), which is required" + shortfall(rule, count))
            }
            if index < children.count { misplaced(at: index, in: children, rules, path: path) }
        }

        private func shortfall(_ rule: EWPElementRule, _ count: Int) -> String {
            rule.min == 1 ? "" : " (it has \(count), the XSD requires at least \(rule.min))"
        }

        /// The child at `index`, which no rule of the sequence takes where it stands.
        private mutating func misplaced(at index: Int, in children: [EWPXMLElement], _ rules: [EWPElementRule], path: String) {
            let extra = children[index]
            let ordinal = children[...index].filter { $0.name == extra.name }.count
            let extraPath = childPath(path, extra.name, ordinal: ordinal, numbered: children.filter { $0.name == extra.name }.count > 1)
            guard let rule = rules.first(where: { $0.name == extra.name }) else {
                let allowed = rules.map { "<\($0.name)>" }.joined(separator: ", ")
                return report(extra.line, extraPath, "is not an element the XSD allows here (it allows \(allowed))")
            }
            if let max = rule.max, ordinal > max {
                report(extra.line, extraPath, "is one <\(extra.name)> too many: the XSD allows \(max == 1 ? "one" : String(max))")
            } else {
                let after = index > 0 ? "after <\(children[index - 1].name)>" : "first"
                report(extra.line, extraPath, "is out of order: the XSD does not allow <\(extra.name)> \(after)")
            }
        }

        /// Children in any order: each must be known, and as often as its rule allows.
        mutating func loose(_ element: EWPXMLElement, _ rules: [EWPElementRule], path: String) {
            var counts: [String: Int] = [:]
            for child in element.children {
                guard let rule = rules.first(where: { $0.name == child.name }) else {
                    report(child.line, "\(path)/\(child.name)", "is not an element the XSD allows in <\(element.name)>")
                    continue
                }
                counts[rule.name, default: 0] += 1
                let count = counts[rule.name]!
                let childPath = childPath(path, rule.name, ordinal: count, numbered: rule.repeats)
                if let max = rule.max, count > max {
                    report(child.line, childPath, "is one <\(rule.name)> too many: the XSD allows \(max)")
                }
                self.element(child, rule, path: childPath)
            }
            for rule in rules where counts[rule.name, default: 0] < rule.min {
                report(element.line, path, "lacks <\(rule.name)>, which is required")
            }
        }

        func childPath(_ parent: String, _ name: String, ordinal: Int, numbered: Bool) -> String {
            "\(parent)/\(name)" + (numbered ? "[\(ordinal)]" : "")
        }
    }
}
