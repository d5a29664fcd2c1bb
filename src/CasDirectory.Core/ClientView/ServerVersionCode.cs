using CasDirectory.Core.Servers;

namespace CasDirectory.Core.ClientView;

/// <summary>
/// The 8 hex digits Autodiscover's ServerVersion carries: <c>0x70000000 + (major &lt;&lt; 22) + (minor &lt;&lt; 16) + 0x8000 +
/// build</c>. Checked against three published samples: 720082AD is 8.0.685, 7383807B is 14.3.123, 73C0834F is 15.0.847.
/// </summary>
public static class ServerVersionCode
{
    public static string Encode(ServerVersion version) =>
        (0x70000000u + ((uint)version.Major << 22) + ((uint)version.Minor << 16) + 0x8000u + (uint)version.Build).ToString("X8");
}
