import LiaisonCore

/// What the reducer asks the runtime to do; the reducer itself does no input or output. The
/// runtime (Dashboard.perform) does each on the document and feeds the `Outcome` back.
public enum Effect: Equatable, Sendable {
    case quit
    case setMouse(Bool)
    /// Draw the whole screen anew, not only what changed (Ctrl-L).
    case redraw
    /// Add or change a record (from a form).
    case put(Record, allowLookalike: Bool)
    /// Delete a record and the links to it.
    case delete(id: String)
    case undo
    case redo
    /// Save; quit afterwards if asked and the save succeeded.
    case save(thenQuit: Bool)
    /// Save a conflicted save's merge with each conflict decided.
    case saveResolved(SaveConflicts, keepMine: [Bool], thenQuit: Bool)
    /// Load again and merge the unsaved changes in.
    case reload
    /// Apply the changes sessions that ended without saving left, or find their conflicts.
    case recover(RecoveryOffer)
    /// Apply them with each conflict decided.
    case recoverResolved(RecoveryMerge, keepMine: [Bool])
    /// Drop those changes.
    case discardRecovery
    /// Leave them for the next start to offer again.
    case postponeRecovery
    /// Drop this session's unsaved changes (quitting without saving).
    case discardUnsaved
    /// Keep the open form's typed texts in the recovery journal (typing paused, or a signal).
    case keepDraft(FormDraft)
    /// Drop the draft kept: its form was left or applied.
    case dropDraft
    /// Read the partner's EWP file and compare the agreement's IIA with it.
    case compareIIA(IIAComparisonTarget, path: String)
}

/// What came of an effect, or what the runtime noticed: the reducer's other input.
public enum Outcome: Equatable, Sendable {
    case edited(EditOutcome)
    case deleted(EditOutcome)
    case undone(Store.Change?)
    case redone(Store.Change?)
    case saved(SaveOutcome, thenQuit: Bool)
    case reloaded(ReloadOutcome)
    case recovered(RecoveryOutcome)
    /// Someone else saved meanwhile.
    case changedByOthers
    /// The comparison asked for, or why there is none (a file, a record, a rule named).
    case compared(Result<IIAComparisonReport, IIAComparisonFailure>)
}

/// Why an IIA could not be compared, in words for the status line.
public struct IIAComparisonFailure: Error, Equatable, Sendable {
    public let message: String

    public init(_ message: String) { self.message = message }
}
