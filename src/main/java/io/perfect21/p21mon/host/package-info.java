/**
 * The host adapter: what p21mon reads of the machine it runs on (CPU times, memory, file systems, network, disks,
 * load, processes, the host name), as plain records with units in their names. The flow starts at
 * {@link io.perfect21.p21mon.host.HostProbe}, implemented on the real host by
 * {@link io.perfect21.p21mon.host.OshiHostProbe} (OSHI) and by fakes in tests; {@link io.perfect21.p21mon.host.CpuSampler}
 * turns two reads into a usage ratio. Imports no feature.
 */
package io.perfect21.p21mon.host;
