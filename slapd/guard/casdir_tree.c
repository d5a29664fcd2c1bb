/*
 * The shape of the configuration partition (docs/rules.md, "The shape of the tree"): Active Directory's
 * possSuperiors for the classes CasDirectory models. An application account adds an entry only of a class listed
 * here, only below an entry of one of its parent classes, carrying only its superclasses and the auxiliary classes
 * Exchange uses on it. extensibleObject, which would let an entry hold any attribute (a stored objectGUID or
 * whenChanged among them), and every class not listed (the legacy array class, domain classes, the schema's own) are
 * the directory administrator's only.
 */
#include <string.h>
#include <strings.h>
#include "casdir_guard.h"

#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NONE ((const char *const[]){ NULL })

#define VIRTUAL_DIRECTORY(class) { class, LIST("msExchVirtualDirectory"), LIST("msExchProtocolCfgHTTPContainer"), NONE }

static const casdir_tree_class classes[] = {
    /* AD's sites and subnets */
    { "container", NONE, LIST("configuration", "container", "msExchOrganizationContainer", "msExchAdminGroup", "protocolCfgSharedServer"), NONE },
    { "sitesContainer", NONE, LIST("configuration"), NONE },
    { "site", NONE, LIST("sitesContainer"), NONE },
    { "serversContainer", NONE, LIST("site"), NONE },
    { "nTDSSiteSettings", NONE, LIST("site"), NONE },
    { "server", NONE, LIST("serversContainer"), NONE },
    { "nTDSDSA", NONE, LIST("server"), NONE },
    { "subnetContainer", NONE, LIST("sitesContainer"), NONE },
    { "subnet", NONE, LIST("subnetContainer"), NONE },
    /* Exchange's organisation */
    { "msExchConfigurationContainer", LIST("container"), LIST("container"), NONE },
    { "msExchOrganizationContainer", LIST("container"), LIST("msExchConfigurationContainer"), NONE },
    { "msExchAdminGroupContainer", LIST("container"), LIST("msExchOrganizationContainer"), NONE },
    { "msExchAdminGroup", NONE, LIST("msExchAdminGroupContainer"), NONE },
    { "msExchServersContainer", LIST("container"), LIST("msExchAdminGroup"), NONE },
    { "msExchMDBContainer", LIST("container"), LIST("msExchAdminGroup"), NONE },
    { "msExchMDBAvailabilityGroupContainer", LIST("container"), LIST("msExchAdminGroup"), NONE },
    /* servers and what hangs below them; ipHost carries a server's addresses (DESIGN's modelling choice) */
    { "msExchExchangeServer", LIST("server"), LIST("msExchServersContainer"), LIST("ipHost") },
    { "protocolCfgSharedServer", LIST("protocolCfgShared"), LIST("msExchExchangeServer"), NONE },
    { "msExchProtocolCfgExchangeRPCService", NONE, LIST("protocolCfgSharedServer"), NONE },
    { "msExchProtocolCfgHTTPContainer", LIST("container", "msExchProtocolCfgSharedContainer"), LIST("protocolCfgSharedServer"), NONE },
    VIRTUAL_DIRECTORY("msExchAutoDiscoverVirtualDirectory"),
    VIRTUAL_DIRECTORY("msExchECPVirtualDirectory"),
    VIRTUAL_DIRECTORY("msExchMobileVirtualDirectory"),
    VIRTUAL_DIRECTORY("msExchOABVirtualDirectory"),
    VIRTUAL_DIRECTORY("msExchOWAVirtualDirectory"),
    VIRTUAL_DIRECTORY("msExchPowerShellVirtualDirectory"),
    VIRTUAL_DIRECTORY("msExchRpcHttpVirtualDirectory"),
    VIRTUAL_DIRECTORY("msExchWebServicesVirtualDirectory"),
    { "serviceConnectionPoint", LIST("leaf", "connectionPoint"), LIST("container"), NONE },
    /* arrays (in CN=Arrays only: slapo-constraint's rule on their cn), databases, DAGs */
    { "msExchClientAccessArray", LIST("server", "msExchExchangeServer"), LIST("container"), NONE },
    { "msExchPrivateMDB", LIST("msExchMDB"), LIST("msExchMDBContainer"), NONE },
    { "msExchPublicMDB", LIST("msExchMDB"), LIST("msExchMDBContainer"), NONE },
    { "msExchMDBCopy", NONE, LIST("msExchPrivateMDB", "msExchPublicMDB"), NONE },
    { "msExchMDBAvailabilityGroup", NONE, LIST("msExchMDBAvailabilityGroupContainer"), NONE },
};

int casdir_tree_in(const char *const *list, const char *name)
{
    for (; *list != NULL; list++)
        if (strcasecmp(*list, name) == 0)
            return 1;
    return 0;
}

const casdir_tree_class *casdir_tree_at(size_t i)
{
    return i < sizeof classes / sizeof classes[0] ? &classes[i] : NULL;
}

const casdir_tree_class *casdir_tree_find(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strcasecmp(classes[i].name, name) == 0)
            return &classes[i];
    return NULL;
}

int casdir_tree_allows_value(const casdir_tree_class *c, const char *value)
{
    return strcasecmp(value, "top") == 0 || strcasecmp(value, c->name) == 0
        || casdir_tree_in(c->superclasses, value) || casdir_tree_in(c->auxiliaries, value);
}
