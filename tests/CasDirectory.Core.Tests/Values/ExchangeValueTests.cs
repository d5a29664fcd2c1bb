using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Values;

/// <summary>Exchange's value types: read as EMS reads them, printed as EMS prints them, ordered by value (docs/settings.md).</summary>
public sealed class ExchangeValueTests
{
    [TestCase("2GB", 2147483648UL)]
    [TestCase("2 gb", 2147483648UL)]
    [TestCase("500MB", 524288000UL)]
    [TestCase("1.5GB", 1610612736UL)]
    [TestCase("2048KB", 2097152UL)]
    [TestCase("123", 123UL)]
    [TestCase("10B", 10UL)]
    [TestCase("1.9 GB (2,040,109,056 bytes)", 2040109056UL)]
    public void Sizes_are_read_as_EMS_reads_them(string text, ulong bytes) =>
        Assert.That(ByteQuantifiedSize.Parse(text).Bytes, Is.EqualTo(bytes));

    [TestCase("")]
    [TestCase("GB")]
    [TestCase("2 XB")]
    [TestCase("-1GB")]
    [TestCase("2GB; rm -rf")]
    [TestCase("99999999999TB")]
    public void A_size_that_is_not_one_is_refused_with_the_form_to_use(string text) =>
        Assert.That(() => ByteQuantifiedSize.Parse(text), Throws.TypeOf<DomainRuleException>().With.Message.Contains("such as 2GB"));

    [TestCase(2147483648UL, "2 GB (2,147,483,648 bytes)")]
    [TestCase(2040109056UL, "1.899 GB (2,040,109,056 bytes)")]
    [TestCase(524288000UL, "500 MB (524,288,000 bytes)")]
    [TestCase(1023UL, "1023 B (1,023 bytes)")]
    [TestCase(0UL, "0 B (0 bytes)")]
    public void Sizes_print_as_Get_MailboxDatabase_shows_quotas(ulong bytes, string shown) =>
        Assert.That(new ByteQuantifiedSize(bytes).ToString(), Is.EqualTo(shown));

    [Test]
    public void Unlimited_sorts_after_every_size_and_sizes_by_bytes()
    {
        var values = new[] { Unlimited<ByteQuantifiedSize>.UnlimitedValue, new Unlimited<ByteQuantifiedSize>(ByteQuantifiedSize.Parse("10GB")), new Unlimited<ByteQuantifiedSize>(ByteQuantifiedSize.Parse("900MB")) };

        Assert.That(values.Order().Select(v => v.ToString()), Is.EqualTo(new[] { "900 MB (943,718,400 bytes)", "10 GB (10,737,418,240 bytes)", "Unlimited" }));
        Assert.That(() => Unlimited<ByteQuantifiedSize>.UnlimitedValue.Value, Throws.InvalidOperationException);
    }

    [TestCase("14.00:00:00", 1209600L)]
    [TestCase("00:30:00", 1800L)]
    [TestCase("1.02:03:04", 93784L)]
    [TestCase("45", 3888000L)]
    public void Time_spans_are_read_in_dd_hh_mm_ss_and_printed_back(string text, long seconds)
    {
        var span = EnhancedTimeSpan.Parse(text);

        Assert.That(span.TotalSeconds, Is.EqualTo(seconds));
        Assert.That(EnhancedTimeSpan.FromSeconds(seconds).ToString(), Is.EqualTo(TimeSpan.FromSeconds(seconds).ToString("c")));
    }

    [TestCase("ten days")]
    [TestCase("99999")]
    [TestCase("-1.00:00:00")]
    [TestCase("1.25:00:00")]
    public void A_time_span_that_is_not_one_is_refused(string text) =>
        Assert.That(() => EnhancedTimeSpan.Parse(text), Throws.TypeOf<DomainRuleException>());

    [Test]
    public void A_schedule_round_trips_through_AD_s_84_bytes_and_prints_as_Exchange_does()
    {
        var schedule = Schedule.Parse(["Sun.1:00 AM-Sun.5:00 AM", "Wednesday.13:15-Wednesday.14:00"]);

        var stored = schedule.ToBytes();

        Assert.That(stored, Has.Length.EqualTo(84));
        Assert.That(stored[0], Is.EqualTo(0b0000_1111), "Sunday 01:00-02:00 is quarter hours 4-7, the low bits of the first byte");
        Assert.That(Schedule.FromBytes(stored), Is.EqualTo(schedule));
        Assert.That(schedule.ToString(), Is.EqualTo("Sun.1:00 AM-Sun.5:00 AM, Wed.1:15 PM-Wed.2:00 PM"));
        Assert.That(Schedule.Parse(["Never"]).IsNever, Is.True);
        Assert.That(Schedule.Parse(["Always"]).Intervals, Is.EqualTo(new[] { (0, Schedule.QuarterHours) }));
        Assert.That(Schedule.Parse(["Always"]).ToString(), Is.EqualTo("Always"));
    }

    [TestCase("Sun.1:00 AM")]
    [TestCase("Sun.1:07 AM-Sun.2:00 AM")]
    [TestCase("Sun.13:00 PM-Sun.2:00 PM")]
    [TestCase("Sun.1:00 AM-Sun.1:00 AM")]
    [TestCase("Xyz.1:00 AM-Sun.2:00 AM")]
    public void A_schedule_interval_that_is_not_one_is_refused(string interval) =>
        Assert.That(() => Schedule.Parse([interval]), Throws.TypeOf<DomainRuleException>().With.Message.Contains("quarter hours"));

    [Test]
    public void Quotas_are_kept_in_whole_kilobytes_and_unset_means_Unlimited()
    {
        var quota = new QuotaSyntax();

        Assert.That(quota.Write("ProhibitSendQuota", new Unlimited<ByteQuantifiedSize>(ByteQuantifiedSize.Parse("1.9GB"))), Is.EqualTo(new[] { "1992294" }));
        Assert.That(quota.Write("ProhibitSendQuota", Unlimited<ByteQuantifiedSize>.UnlimitedValue), Is.Empty);
        Assert.That(quota.Read([]), Is.EqualTo(Unlimited<ByteQuantifiedSize>.UnlimitedValue));
        Assert.That(() => quota.Write("ProhibitSendQuota", new Unlimited<ByteQuantifiedSize>(ByteQuantifiedSize.Parse("3TB"))),
            Throws.TypeOf<DomainRuleException>().With.Message.Contains("ProhibitSendQuota"));
    }

    [Test]
    public void A_flag_bit_changes_only_its_own_bit()
    {
        var excluded = new FlagBitSyntax(1);

        Assert.That(excluded.Apply(2, "IsExcludedFromProvisioning", true), Is.EqualTo(3));
        Assert.That(excluded.Apply(3, "IsExcludedFromProvisioning", false), Is.EqualTo(2));
        Assert.That(excluded.Read(["3"]), Is.EqualTo(true));
    }

    [Test]
    public void One_string_may_hold_several_comma_separated_intervals_as_Exchange_examples_write_them() =>
        Assert.That(Schedule.Parse(["Sun.2:00 AM-Sun.6:00 AM, Mon.2:00 AM-Mon.6:00 AM"]).ToString(), Is.EqualTo("Sun.2:00 AM-Sun.6:00 AM, Mon.2:00 AM-Mon.6:00 AM"));
}
