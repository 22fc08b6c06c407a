package org.garnet.htools.model;

/** One min/max pair of an ipolicy. */
public record MinMaxISpecs(ISpec min, ISpec max) {
    public String show() {
        return "MinMaxISpecs {minMaxISpecsMinSpec = " + min.show() + ", minMaxISpecsMaxSpec = " + max.show() + "}";
    }
}
