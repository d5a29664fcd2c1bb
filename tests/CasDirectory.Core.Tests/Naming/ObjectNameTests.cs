using CasDirectory.Core.Naming;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.Naming;

public sealed class ObjectNameTests
{
    private static string Refusal(string name) =>
        Assert.Throws<DomainRuleException>(() => ObjectName.Require(name))!.Message;

    [Test]
    public void A_name_with_a_zero_width_joiner_is_refused() =>
        Assert.That(Refusal("E2K10-MLT-01\u200D"), Is.EqualTo(
            @"-Name 'E2K10-MLT-01\u200D' holds an invisible character U+200D (ZERO WIDTH JOINER) at position 13; names may not contain control or format characters."));

    [TestCase("\u200B", "ZERO WIDTH SPACE")]
    [TestCase("\u200C", "ZERO WIDTH NON-JOINER")]
    [TestCase("\u200E", "LEFT-TO-RIGHT MARK")]
    [TestCase("\u200F", "RIGHT-TO-LEFT MARK")]
    [TestCase("\u2060", "WORD JOINER")]
    [TestCase("\u2064", "INVISIBLE PLUS")]
    [TestCase("\uFEFF", "ZERO WIDTH NO-BREAK SPACE")]
    [TestCase("\u00AD", "SOFT HYPHEN")]
    [TestCase("\u202E", "RIGHT-TO-LEFT OVERRIDE")]
    [TestCase("\u2066", "LEFT-TO-RIGHT ISOLATE")]
    [TestCase("\u2069", "POP DIRECTIONAL ISOLATE")]
    public void A_name_with_a_format_character_is_refused_naming_it(string character, string unicodeName) =>
        Assert.That(Refusal("Site" + character + "B"), Does.Contain($"an invisible character U+{(int)character[0]:X4} ({unicodeName}) at position 5"));

    [TestCase("\u0000", "NULL")]
    [TestCase("\u0009", "CHARACTER TABULATION")]
    [TestCase("\u000A", "LINE FEED")]
    [TestCase("\u001B", "ESCAPE")]
    [TestCase("\u007F", "DELETE")]
    [TestCase("\u0085", "NEXT LINE")]
    public void A_name_with_a_control_character_is_refused_naming_it(string character, string unicodeName) =>
        Assert.That(Refusal("MDB" + character + "1"), Does.Contain($"a control character U+{(int)character[0]:X4} ({unicodeName}) at position 4; names may not contain control or format characters"));

    [Test]
    public void A_format_character_beyond_the_basic_plane_is_refused_and_counted_as_one_character() =>
        Assert.That(Refusal("DAG\U000E0001x"), Does.Contain(@"'DAG\U000E0001x' holds an invisible character U+E0001 at position 4"));

    [Test]
    public void A_name_with_an_unassigned_code_point_is_refused() =>
        Assert.That(Refusal("Site\u0378"), Does.Contain("an unassigned code point U+0378 at position 5; names may not contain code points Unicode has not assigned"));

    // Built in code: an attribute cannot carry a lone surrogate (metadata is UTF-8).
    [TestCase(0xD800, "", TestName = "A_name_ending_in_a_lone_high_surrogate_is_refused")]
    [TestCase(0xDC00, "B", TestName = "A_name_with_a_lone_low_surrogate_is_refused")]
    public void Lone_surrogates(int surrogate, string after) =>
        Assert.That(Refusal("Site" + (char)surrogate + after),
            Does.Contain($"a lone surrogate U+{surrogate:X4} at position 5; a name must be well-formed Unicode"));

    [TestCase(" Site-A")]
    [TestCase("Site-A ")]
    [TestCase("Site-A\u00A0")]
    [TestCase("\u3000Site-A")]
    public void A_name_with_white_space_at_either_end_is_refused(string name) =>
        Assert.That(Refusal(name), Does.Contain("starts or ends with a space"));

    [TestCase("")]
    [TestCase("   ")]
    public void An_empty_name_is_refused(string name) =>
        Assert.That(Refusal(name), Is.EqualTo("-Name is empty."));

    [Test]
    public void The_refusal_names_the_parameter() =>
        Assert.That(Assert.Throws<DomainRuleException>(() => ObjectName.Require("A\u200DB", "AutoDiscoverSiteScope"))!.Message,
            Does.StartWith(@"-AutoDiscoverSiteScope 'A\u200DB' holds"));

    [Test]
    public void A_refused_name_is_malformed_input() =>
        Assert.That(Assert.Throws<DomainRuleException>(() => ObjectName.Require("A\u200DB"))!.IsMalformedInput, Is.True);

    [TestCase("E2K10-MLT-01")]
    [TestCase("Default-First-Site-Name")]
    [TestCase("Mailbox Database 0123456789")]
    [TestCase("Zürich")]
    [TestCase("Москва-ДЦ")]
    [TestCase("東京サイト")]
    [TestCase("Site_B.1")]
    [TestCase("Emoji-\U0001F600")]
    public void Ordinary_names_are_accepted_as_they_are(string name) =>
        Assert.That(ObjectName.Require(name), Is.EqualTo(name));

    [Test]
    public void A_decomposed_name_is_stored_composed() =>
        Assert.That(ObjectName.Require("Cafe\u0301-Site"), Is.EqualTo("Caf\u00E9-Site"));

    [Test]
    public void Composed_and_decomposed_names_are_one_name()
    {
        const string composed = "Z\u00FCrich", decomposed = "Zu\u0308rich";

        Assert.That(ObjectName.Comparer.Equals(composed, decomposed), Is.True);
        Assert.That(ObjectName.Comparer.Compare(composed, decomposed), Is.Zero);
        Assert.That(ObjectName.Comparer.GetHashCode(composed), Is.EqualTo(ObjectName.Comparer.GetHashCode(decomposed)));
        Assert.That(new HashSet<string>(ObjectName.Comparer) { composed, decomposed }, Has.Count.EqualTo(1));
    }

    [Test]
    public void Names_compare_case_insensitively()
    {
        Assert.That(ObjectName.Same("e2k10-mlt-01", "E2K10-MLT-01"), Is.True);
        Assert.That(ObjectName.Same("ZÜRICH", "zu\u0308rich"), Is.True);
        Assert.That(ObjectName.Same("МОСКВА", "москва"), Is.True);
    }

    [Test]
    public void A_name_and_its_look_alike_with_an_invisible_character_are_two_names() =>
        Assert.That(ObjectName.Same("E2K10-MLT-01", "E2K10-MLT-01\u200D"), Is.False);

    [Test]
    public void Names_sort_in_one_order_whatever_their_form()
    {
        var names = new List<string> { "b", "A", "Zu\u0308rich", "a\u0301", "Z\u00FCrich" };

        names.Sort(ObjectName.Comparer);

        // Ordinal on the upper-case forms: A, B, Z…, and Á (U+00C1) after them all.
        Assert.That(names.Take(2), Is.EqualTo(new[] { "A", "b" }));
        Assert.That(ObjectName.Comparer.Compare(names[2], names[3]), Is.Zero);
        Assert.That(names[4], Is.EqualTo("a\u0301"));
    }

    [Test]
    public void Null_is_no_name() =>
        Assert.That(ObjectName.Same(null, null), Is.False);

    [TestCase("E2K10-MLT-01\u200D", "the name holds an invisible character U+200D (ZERO WIDTH JOINER) at position 13")]
    [TestCase("MDB\u00001", "the name holds a control character U+0000 (NULL) at position 4")]
    [TestCase("Site-B ", "the name starts or ends with white space")]
    public void A_name_read_from_the_directory_with_such_a_character_is_flawed(string name, string why) =>
        Assert.That(ObjectName.ReadFlaw(name), Does.StartWith(why));

    [TestCase("E2K10-MLT-01")]
    [TestCase("Zu\u0308rich")]
    [TestCase("owa (Default Web Site)")]
    public void A_name_read_from_the_directory_without_such_a_character_is_not_flawed(string name) =>
        Assert.That(ObjectName.ReadFlaw(name), Is.Null);

    [Test]
    public void Shown_escapes_what_a_terminal_would_not_show() =>
        Assert.That(ObjectName.Shown("A\u200DB\u0000Zürich"), Is.EqualTo(@"A\u200DB\u0000Zürich"));
}

public sealed class UnicodeNormalizationTests
{
    [TestCase("Cafe\u0301", "Caf\u00E9", TestName = "A_letter_and_a_combining_accent_compose")]
    [TestCase("A\u030A", "\u00C5", TestName = "A_ring_above_composes")]
    [TestCase("\u212B", "\u00C5", TestName = "The_angstrom_sign_becomes_the_letter")]
    [TestCase("\u1100\u1161\u11A8", "\uAC01", TestName = "Hangul_jamo_compose_into_a_syllable")]
    [TestCase("a\u0323\u0302", "\u1EAD", TestName = "Marks_are_put_in_canonical_order_then_composed")]
    [TestCase("a\u0302\u0323", "\u1EAD", TestName = "Marks_in_the_other_order_give_the_same")]
    [TestCase("\u0301a", "\u0301a", TestName = "A_leading_mark_stays_as_it_is")]
    [TestCase("\u0958", "\u0915\u093C", TestName = "A_composition_exclusion_stays_decomposed")]
    [TestCase("\uFB01", "\uFB01", TestName = "A_compatibility_ligature_is_kept_NFC_is_not_NFKC")]
    public void Form_c(string text, string expected) =>
        Assert.That(ObjectName.Normalize(text), Is.EqualTo(expected));

    [Test]
    public void An_ASCII_name_is_returned_as_it_is()
    {
        var name = "E2K10-MLT-01";
        Assert.That(ObjectName.Normalize(name), Is.SameAs(name));
    }
}

public sealed class ObjectNotFoundTests
{
    [Test]
    public void A_look_alike_identity_shows_its_invisible_character() =>
        Assert.That(new ObjectNotFoundException("Exchange server", "E2K10-MLT-01\u200D").Message,
            Is.EqualTo(@"The Exchange server 'E2K10-MLT-01\u200D' was not found."), "the core names no cmdlet: the shell adds where to look");
}

public sealed class DistinguishedNameComparisonTests
{
    [Test]
    public void DNs_holding_a_composed_and_a_decomposed_name_are_one_DN() =>
        Assert.That(DistinguishedNames.AreEqual("CN=Z\u00FCrich,CN=Sites,CN=Configuration,DC=lab,DC=local", "cn=zu\u0308rich, cn=sites,cn=configuration,dc=lab,dc=local"), Is.True);

    [Test]
    public void A_DN_with_an_invisible_character_is_another_DN() =>
        Assert.That(DistinguishedNames.AreEqual("CN=Site-B,CN=Sites", "CN=Site-B\u200D,CN=Sites"), Is.False);
}
