/// Which group is the office's: the one the files of a shared deployment should all have, and
/// the one staff are in. Every fix moves the odd file or folder towards it, never the other
/// way: a file whose group was changed by mistake gets the office's group back, instead of
/// the folder and the staff following the mistake.
extension DeploymentFacts {
    /// The folder's group when it has the setgid bit (every file made in it gets that group);
    /// else, of the groups of the folder, the file, its lock, backup and history, the one with
    /// the most people in it (the file's on a tie). Root's group only when there is no other:
    /// no one should be added to it to work on the file.
    public var officeGroup: UInt32? {
        guard let file else { return directory?.group }
        if let directory, directory.isSetGroupID, directory.group != Self.rootGroup { return directory.group }
        var candidates: [UInt32] = []
        for group in [file.group, directory?.group, lock?.group, backup?.group, history?.group].compactMap({ $0 })
        where group != Self.rootGroup && !candidates.contains(group) {
            candidates.append(group)
        }
        var best = candidates.first ?? file.group
        for group in candidates.dropFirst() where staff(in: group).count > staff(in: best).count { best = group }
        return best
    }

    /// Whether the file is shared with the office's group rather than one person's: the group
    /// may save it, or files made in the folder get the group, or someone besides the owner is
    /// in the group. Root's group never makes an office.
    public var isOffice: Bool {
        guard let file, let group = officeGroup, group != Self.rootGroup else { return false }
        return file.allowsGroup(Access.write) || (directory?.isSetGroupID ?? false)
            || staff(in: group).contains { $0 != names.user(file.owner) }
    }

    /// The people in a group, root left out.
    func staff(in group: UInt32) -> [String] { (names.members[group] ?? []).filter { $0 != "root" } }

    static let rootGroup: UInt32 = 0
}
