using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>Node's ldapts, as AD code uses it (scripts/install-prerequisites.sh --with-pwsh puts it in .build/tools):
/// runs a script with node; a missing node or ldapts fails with the install hint.</summary>
public static class Ldapts
{
    public static ProcessResult Run(string script, params string[] arguments)
    {
        var modules = RepositoryPaths.Combine(".build", "tools", "node_modules");
        if (!File.Exists(Path.Combine(modules, "ldapts", "package.json")))
            Assert.Fail($"ldapts is missing from {modules}: run scripts/install-prerequisites.sh --with-pwsh (Node.js, npm and ldapts 7.4)");
        var info = ProcessRunner.StartInfo("node", ["-e", script, .. arguments]);
        info.Environment["NODE_PATH"] = modules;
        try
        {
            return ProcessRunner.Run(info, timeout: TimeSpan.FromMinutes(1));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("node is missing: sudo apt-get install -y nodejs npm (scripts/install-prerequisites.sh --with-pwsh does it)");
            throw; // not reached: Assert.Fail throws
        }
    }
}
