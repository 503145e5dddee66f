/**
 * The host adapter: what p21mon reads of the machine it runs on (CPU times, memory, file systems, network, disks,
 * load, processes, the host name), as plain records with units in their names. The flow starts at
 * {@link io.perfect21.p21mon.host.HostProbe}, implemented on the real host by
 * {@link io.perfect21.p21mon.host.OshiHostProbe} (OSHI) and by fakes in tests; {@link io.perfect21.p21mon.host.CpuSampler}
 * turns two reads into a usage ratio. {@link io.perfect21.p21mon.host.JGitSetup} is the one way p21mon reads a git work
 * tree (JGit, writing nothing of its own), for the {@code git} check and the exporter's git metrics. Imports no feature.
 */
package io.perfect21.p21mon.host;
