/* casdir-guard's second part (casdir_ad.c): Active Directory's own attributes, computed on read. */
#ifndef CASDIR_AD_H
#define CASDIR_AD_H
#include <slapi-plugin.h>

/* Adds the pre-search and pre-entry hooks to the plugin being initialised; configuration is the configuration DN. */
int casdir_ad_register(Slapi_PBlock *pb, const char *configuration);

#endif
