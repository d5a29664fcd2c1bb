using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>Two casdir up --mirror-of of one directory at once: at most two providers all the same.</summary>
[TestFixture]
public sealed class ConcurrentMirrorTests
{
    [Test]
    public void Two_mirrors_made_at_once_of_one_directory_give_it_exactly_one()
    {
        using var folder = new TemporaryFolder("casdir-two-mirrors");
        var a = folder.Combine("a");
        var mirrors = new[] { folder.Combine("b1"), folder.Combine("b2") };
        try
        {
            LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = a, Port = FreePort.Next(), LdapsPort = FreePort.Next() });

            var attempts = mirrors.Select(m => Task.Run(() =>
            {
                try
                {
                    LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = m, MirrorOf = a, Port = FreePort.Next(), LdapsPort = FreePort.Next() });
                    return (Exception?)null;
                }
                catch (LocalDirectoryException e)
                {
                    return e;
                }
            })).ToArray();
            Task.WaitAll(attempts);

            var failures = attempts.Select(t => t.Result).Where(e => e is not null).ToList();
            Assert.That(failures, Has.Count.EqualTo(1), string.Join("; ", failures.Select(f => f!.Message)));
            Assert.That(failures[0]!.Message, Does.Contain("already has a mirror").Or.Contain("busy").Or.Contain("another casdir").Or.Contain("changed while"));
            var peers = LocalDirectoryState.Load(new DataDirectory(a)).KnownPeers;
            Assert.That(peers.Where(p => p.Role == ReplicaRole.Provider), Has.Exactly(1).Items);
            Assert.That(mirrors.Count(m => new DataDirectory(m).Exists), Is.EqualTo(1), "the refused one left no directory");
        }
        finally
        {
            foreach (var dir in mirrors.Append(a))
            {
                if (new DataDirectory(dir).Exists)
                    LocalDirectory.Down(dir);
            }
        }
    }
}
