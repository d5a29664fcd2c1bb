using System.Net;
using System.Net.Sockets;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>
/// A port on 127.0.0.1 that is free right now, chosen below the kernel's ephemeral range: a port the OS hands out
/// (bind to port 0) is also what every outgoing connection, a connection flood test and Docker's published ports draw
/// from, and one of them may take it before slapd binds it. A small race with another test is accepted and retried.
/// </summary>
public static class FreePort
{
    private static readonly (int First, int Last) Range = ChooseRange();

    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Range.First, Range.Last + 1);
            if (IsFree(port))
                return port;
        }
        using var fallback = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        fallback.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)fallback.LocalEndPoint!).Port;
    }

    public static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Below /proc/sys/net/ipv4/ip_local_port_range's first port (32768 by default), above the well-known ones.</summary>
    private static (int, int) ChooseRange()
    {
        var ephemeralStart = 32768;
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            ephemeralStart = int.Parse(text[0]);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            // not Linux, or hidden: the usual default
        }
        return ephemeralStart > 12000 ? (10000, ephemeralStart - 1) : (ephemeralStart, 65535);
    }
}
