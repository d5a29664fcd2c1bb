using CasDirectory.Core;
using CasDirectory.Core.ActiveDirectory;
using CasDirectory.Core.Naming;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.ActiveDirectory;

/// <summary>The ActiveDirectory module's -Filter, translated into one LDAP filter with every value escaped.</summary>
public sealed class AdFilterTests
{
    private static readonly HashSet<string> Schema = new(StringComparer.OrdinalIgnoreCase) { "instanceType", "msDS-Approx-Immed-Subordinates", "location" };
    private static readonly AdFilterProperties Sites = AdFilterProperties.Site(Schema.Contains);
    private static readonly AdFilterProperties Subnets = AdFilterProperties.Subnet(Schema.Contains, ConfigurationPartition.Default);
    private static readonly Dictionary<string, object?> Variables = new(StringComparer.OrdinalIgnoreCase) { ["name"] = "Site-A", ["count"] = 3, ["list"] = new[] { "a", "b" },
        ["since"] = new DateTime(2026, 12, 1, 8, 30, 0, DateTimeKind.Utc), ["yes"] = true };

    private static string Ldap(string filter, AdFilterProperties? properties = null) =>
        AdFilter.ToLdap(filter, properties ?? Sites, n => Variables.GetValueOrDefault(n));

    [TestCase("*", "(objectClass=*)")]
    [TestCase(" * ", "(objectClass=*)")]
    [TestCase("Name -eq 'Site-A'", "(cn=Site-A)")]
    [TestCase("name -EQ \"Site-A\"", "(cn=Site-A)")]
    [TestCase("{Name -like 'Site-*'}", "(cn=Site-*)")]
    [TestCase("Name -like '*'", "(cn=*)")]
    [TestCase("Name -notlike 'Site-*'", "(!(cn=Site-*))")]
    [TestCase("Name -ne 'Site-A'", "(!(cn=Site-A))")]
    [TestCase("Location -eq 'Oslo' -and -not (Name -eq 'Site-B')", "(&(location=Oslo)(!(cn=Site-B)))")]
    [TestCase("Name -eq 'a' -or Name -eq 'b' -and Location -eq 'c'", "(|(cn=a)(&(cn=b)(location=c)))")]
    [TestCase("(Name -eq 'a' -or Name -eq 'b') -and Location -eq 'c'", "(&(|(cn=a)(cn=b))(location=c))")]
    [TestCase("Name -eq $name", "(cn=Site-A)")]
    [TestCase("instanceType -band 4", "(instanceType:1.2.840.113556.1.4.803:=4)")]
    [TestCase("instanceType -bor 5", "(instanceType:1.2.840.113556.1.4.804:=5)")]
    [TestCase("msDS-Approx-Immed-Subordinates -ge $count", "(msDS-Approx-Immed-Subordinates>=3)")]
    [TestCase("msDS-Approx-Immed-Subordinates -gt 2", "(&(msDS-Approx-Immed-Subordinates>=2)(!(msDS-Approx-Immed-Subordinates=2)))")]
    [TestCase("msDS-Approx-Immed-Subordinates -lt -1", "(&(msDS-Approx-Immed-Subordinates<=-1)(!(msDS-Approx-Immed-Subordinates=-1)))")]
    [TestCase("Description -approx 'lab'", "(description~=lab)")]
    [TestCase("Name -eq 'O''Brien'", "(cn=O'Brien)")]
    [TestCase("Name -eq \"a`\"b\"", "(cn=a\"b)")]
    [TestCase("Modified -ge '20260101000000.0Z'", "(whenChanged>=20260101000000.0Z)")]
    [TestCase("Modified -ge $since", "(whenChanged>=20261201083000.0Z)")]
    [TestCase("Description -eq $yes", "(description=TRUE)")]
    public void A_filter_becomes_one_LDAP_filter(string filter, string expected) => Assert.That(Ldap(filter), Is.EqualTo(expected));

    [TestCase("Name -eq '*)(objectClass=*'", "(cn=\\2a\\29\\28objectClass=\\2a)")]
    [TestCase("Name -like 'a(b)\\*'", "(cn=a\\28b\\29\\5c*)")]
    [TestCase("Name -eq 'x\0y'", "(cn=x\\00y)")]
    public void Every_value_is_escaped_so_no_value_changes_the_filter_s_shape(string filter, string expected) =>
        Assert.That(Ldap(filter), Is.EqualTo(expected));

    [TestCase("Name -like 'a**b'", "(cn=a*b)")]
    [TestCase("Name -like '**'", "(cn=*)")]
    [TestCase("ObjectGUID -eq '0898d7d4-8659-1041-99fb-3f3080b1a6c8'", "(objectGUID=\\d4\\d7\\98\\08\\59\\86\\41\\10\\99\\fb\\3f\\30\\80\\b1\\a6\\c8)")]
    public void Values_take_the_form_LDAP_compares(string filter, string expected) => Assert.That(Ldap(filter), Is.EqualTo(expected));

    [Test]
    public void Nesting_is_bounded_so_no_filter_exhausts_the_stack_or_the_time()
    {
        string Nested(int n) => new string('(', n) + "Name -eq 'a'" + new string(')', n);
        Assert.That(Ldap(Nested(AdFilter.MaxDepth - 1)), Is.EqualTo("(cn=a)"));
        foreach (var filter in new[] { Nested(100_000), string.Concat(Enumerable.Repeat("-not ", 200_000)) + "Name -eq 'a'" })
        {
            var error = Assert.Throws<DomainRuleException>(() => Ldap(filter))!;
            Assert.That(error.Message, Does.Contain($"nest more than {AdFilter.MaxDepth} deep"));
        }
    }

    [Test]
    public void A_subnet_s_site_is_compared_by_its_DN_given_its_name() =>
        Assert.That(Ldap("Site -eq 'Site-A'", Subnets), Is.EqualTo($"(siteObject={LdapEscaping.FilterValue(ConfigurationPartition.Default.SiteDn("Site-A"))})"));

    [TestCase("", "empty")]
    [TestCase("Name", "an operator")]
    [TestCase("Name -eq", "a value was expected")]
    [TestCase("Name -eq 'Site-A", "not closed")]
    [TestCase("Name -eq 'a' Location -eq 'b'", "unexpected")]
    [TestCase("Name -eq 'a' -and", "a comparison was expected")]
    [TestCase("(Name -eq 'a'", "')' is missing")]
    [TestCase("Name -matches 'a'", "an operator")]
    [TestCase("Name -eq Site-A", "quote text")]
    [TestCase("Name -eq $unset", "is not set")]
    [TestCase("Name -eq $list", "holds a list")]
    [TestCase("Name -eq $null", "matches nothing")]
    [TestCase("instanceType -band 'x'", "whole number")]
    [TestCase("Colour -eq 'red'", "'Colour' is not a property of ADReplicationSite")]
    [TestCase("-eq 'a'", "a property name was expected")]
    public void A_filter_that_does_not_parse_is_refused_naming_the_problem(string filter, string problem)
    {
        var error = Assert.Throws<DomainRuleException>(() => Ldap(filter))!;
        Assert.That(error.Message, Does.Contain(problem));
        Assert.That(error.IsMalformedInput, "a usage error (exit 2)");
    }
}
