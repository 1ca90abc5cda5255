using Microsoft.Extensions.Options;

namespace SessionStore.Postgres;

/// <summary>Checks <see cref="PostgresSessionStoreOptions"/> when the host starts (source-generated from its data annotations; no reflection).</summary>
[OptionsValidator]
internal sealed partial class PostgresSessionStoreOptionsValidator : IValidateOptions<PostgresSessionStoreOptions>;
