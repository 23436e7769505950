// Command coredns is CoreDNS with only the plugins a local cluster needs. Importing just these keeps
// the module download small; there is deliberately no forward plugin, so pods never resolve (or reach)
// names outside the cluster.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/ready"
	"github.com/coredns/coredns/coremain"
)

// The order plugins run in, as in CoreDNS' plugin.cfg.
var directives = []string{"errors", "health", "ready", "kubernetes", "cache", "loadbalance"}

func init() { dnsserver.Directives = directives }

func main() { coremain.Run() }
