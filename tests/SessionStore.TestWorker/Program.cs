// A second (third, ...) process for the tests: it races the test process over the same directory.
// delete-race <dir> <id-prefix> <count> <start-unix-ms>: waits for the shared start instant, deletes
// <prefix>0 .. <prefix><count-1> in order and prints one "<id> <true|false>" line per id.
using SessionStore;

if (args is not ["delete-race", string directory, string prefix, string countText, string startText])
{
    Console.Error.WriteLine("usage: delete-race <dir> <id-prefix> <count> <start-unix-ms>");
    return 2;
}

int count = int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture);
long start = long.Parse(startText, System.Globalization.CultureInfo.InvariantCulture);
var store = new FileSessionStore(directory, new FileSessionStoreOptions { Durable = false });
string[] ids = Enumerable.Range(0, count).Select(i => prefix + i).ToArray();

while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < start)
{
    Thread.SpinWait(100);
}

var results = new bool[count];
for (int i = 0; i < count; i++)
{
    results[i] = store.Delete(ids[i]);
}

var output = new System.Text.StringBuilder();
for (int i = 0; i < count; i++)
{
    output.Append(ids[i]).Append(' ').Append(results[i] ? "true" : "false").Append('\n');
}

Console.Out.Write(output);
return 0;
