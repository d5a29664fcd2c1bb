using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace CasDirectory.Service.Http;

/// <summary>
/// A listener that cannot bind its address (taken by another process, or refused): the host fails to start with it,
/// and casdir serve says which listener and setting in one line rather than the host's stack trace.
/// </summary>
public static class ListenerBindFailure
{
    /// <summary>Kestrel's failure to bind: an IOException wrapping AddressInUseException, or the socket's own error.</summary>
    public static bool Is(Exception e) => e is IOException { InnerException: AddressInUseException } or SocketException;

    /// <summary>One line naming the listener, its address and setting, and why; null when <paramref name="e"/> is no bind failure.</summary>
    public static string? Describe(Exception e, IEnumerable<IListener> listeners)
    {
        if (!Is(e))
            return null;
        var listening = listeners.Where(l => l.Address is not null).ToList();
        // Kestrel names the address it could not bind ("http://127.0.0.1:3899: address already in use"); a socket error does not.
        var failed = listening.FirstOrDefault(l => e.Message.Contains($":{l.Address!.Port}:", StringComparison.Ordinal))
                     ?? (listening.Count == 1 ? listening[0] : null);
        var why = e is IOException ? "address already in use" : e.Message;
        return failed is null
            ? $"cannot listen: {e.Message}"
            : $"{failed.Name} cannot listen on {failed.Address} ({failed.Setting}): {why}. Stop what uses it or choose another address.";
    }
}
