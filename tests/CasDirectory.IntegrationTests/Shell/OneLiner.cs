using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>One Exchange Management Shell line as an article prints it, with what it must show and do (Shell/one-liners.yaml).</summary>
public sealed class OneLiner
{
    public string Id { get; set; } = "";
    public string Source { get; set; } = "";
    public string Line { get; set; } = "";
    public List<string> Setup { get; set; } = [];
    public List<string> Rows { get; set; } = [];
    public List<string> Contains { get; set; } = [];
    public Expectation? Check { get; set; }

    public sealed class Expectation
    {
        public string Line { get; set; } = "";
        public List<string> Rows { get; set; } = [];
        public List<string> Contains { get; set; } = [];
    }

    public override string ToString() => Id;

    public static IReadOnlyList<OneLiner> Corpus { get; } = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
        .Deserialize<List<OneLiner>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Shell", "one-liners.yaml")));
}
