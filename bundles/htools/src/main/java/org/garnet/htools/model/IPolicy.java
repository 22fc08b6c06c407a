package org.garnet.htools.model;

import java.util.List;
import java.util.stream.Collectors;

/** An instance policy (cluster or group level). */
public record IPolicy(List<MinMaxISpecs> minMax, ISpec std, List<DiskTemplate> diskTemplates, double vcpuRatio,
        double spindleRatio) {
    public static final IPolicy DEFAULT = new IPolicy(List.of(new MinMaxISpecs(ISpec.DEF_MIN, ISpec.DEF_MAX)),
            ISpec.DEF_STD, List.of(DiskTemplate.values()), 4.0, 32.0);

    public IPolicy withVcpuRatio(double r) {
        return new IPolicy(minMax, std, diskTemplates, r, spindleRatio);
    }

    public String serialize(String owner) {
        return owner + "|" + std.serialize() + "|"
                + minMax.stream().map(m -> m.min().serialize() + ";" + m.max().serialize())
                        .collect(Collectors.joining(";"))
                + "|" + diskTemplates.stream().map(t -> t.raw).collect(Collectors.joining(",")) + "|"
                + Fmt.showDouble(vcpuRatio) + "|" + Fmt.showDouble(spindleRatio);
    }

    /** Haskell record syntax, as {@code hinfo -v -v} prints it. */
    public String show() {
        return "IPolicy {iPolicyMinMaxISpecs = ["
                + minMax.stream().map(MinMaxISpecs::show).collect(Collectors.joining(","))
                + "], iPolicyStdSpec = " + std.show() + ", iPolicyDiskTemplates = ["
                + diskTemplates.stream().map(t -> t.haskellName).collect(Collectors.joining(","))
                + "], iPolicyVcpuRatio = " + Fmt.showDouble(vcpuRatio) + ", iPolicySpindleRatio = "
                + Fmt.showDouble(spindleRatio) + "}";
    }
}
