using System.Buffers.Binary;
using CasDirectory.Core.Values;

namespace CasDirectory.Core.ActiveDirectory;

/// <summary>
/// The ActiveDirectory module's -ReplicationSchedule: a week in quarter hours, kept in AD's schedule attribute as a
/// SCHEDULE structure (MS-ADTS 6.1.1.2.2.1.1 / ntdsapi.h: Size, Bandwidth, NumberOfSchedules, one SCHEDULE_HEADER of
/// Type SCHEDULE_INTERVAL (0) and Offset 20, then 168 bytes, one per hour from Sunday 00:00 UTC, whose low four bits are
/// its quarter hours). Given as Exchange's intervals ("Sun.1:00 AM-Sun.5:00 AM", "Always", "Never"), comma-separated.
/// </summary>
public sealed class ActiveDirectorySchedule : IEquatable<ActiveDirectorySchedule>
{
    private const int HeaderLength = 20;
    private const int Hours = 7 * 24;
    public const int StoredLength = HeaderLength + Hours;

    public Schedule Schedule { get; }

    public ActiveDirectorySchedule(Schedule schedule) => Schedule = schedule;

    /// <summary>What PowerShell binds a string with: intervals separated by commas.</summary>
    public ActiveDirectorySchedule(string intervals) : this(Schedule.Parse(intervals.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
    {
    }

    public ActiveDirectorySchedule(string[] intervals) : this(Schedule.Parse(intervals))
    {
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[StoredLength];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0), StoredLength);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 0);   // Bandwidth: unused
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 1);   // NumberOfSchedules
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), 0);  // SCHEDULE_INTERVAL
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), HeaderLength);
        var quarters = Schedule.ToBytes();
        for (var q = 0; q < Schedule.QuarterHours; q++)
            if ((quarters[q / 8] & (0x80 >> (q % 8))) != 0)
                bytes[HeaderLength + q / 4] |= (byte)(1 << (q % 4));
        return bytes;
    }

    /// <summary>The schedule a stored value holds; null when it is not a SCHEDULE of one interval table.</summary>
    public static ActiveDirectorySchedule? FromBytes(byte[] stored)
    {
        if (stored.Length < StoredLength || BinaryPrimitives.ReadUInt32LittleEndian(stored.AsSpan(8)) < 1)
            return null;
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(stored.AsSpan(16));
        if (offset < HeaderLength || offset + Hours > stored.Length)
            return null;
        var quarters = new byte[Schedule.QuarterHours / 8];
        for (var q = 0; q < Schedule.QuarterHours; q++)
            if ((stored[offset + q / 4] & (1 << (q % 4))) != 0)
                quarters[q / 8] |= (byte)(0x80 >> (q % 8));
        return new ActiveDirectorySchedule(Schedule.FromBytes(quarters));
    }

    public override string ToString() => Schedule.ToString();
    public bool Equals(ActiveDirectorySchedule? other) => other is not null && Schedule.Equals(other.Schedule);
    public override bool Equals(object? obj) => Equals(obj as ActiveDirectorySchedule);
    public override int GetHashCode() => Schedule.GetHashCode();
}
