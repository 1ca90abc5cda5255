namespace SessionStore;

/// <summary>A file that <see cref="FileSessionStore{TSession}.Check"/> with repair moved into a store's quarantine.</summary>
/// <param name="Name">Its name in the quarantine, which <see cref="FileSessionStore{TSession}.RestoreFromQuarantine"/> and <see cref="FileSessionStore{TSession}.DeleteFromQuarantine"/> take.</param>
/// <param name="SessionId">The session whose file it was.</param>
/// <param name="QuarantinedAt">When it was moved, by the store's clock (to the millisecond).</param>
/// <param name="SizeBytes">Its size, in bytes.</param>
/// <param name="Reason">Why it was moved; <see langword="null"/> when that was not recorded (a version before 0.2 moved it, or the record could not be written).</param>
/// <param name="IsLegacyJournal">Whether it is a SessionStore 0.1 journal that could never be applied, rather than a session's file.</param>
public sealed record QuarantinedFile(string Name, string SessionId, DateTimeOffset QuarantinedAt, long SizeBytes, string? Reason, bool IsLegacyJournal);
