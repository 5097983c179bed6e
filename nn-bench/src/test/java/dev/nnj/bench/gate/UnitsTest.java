package dev.nnj.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void convertsTimePerOperation() {
        // 1 ms is 1000 us, so 0.04 ms/op is 40 us/op
        assertEquals(1000, Units.conversion("ms/op", "us/op"), 1e-9);
        assertEquals(1e-3, Units.conversion("ns/op", "us/op"), 1e-15);
        assertEquals(60, Units.conversion("min/op", "s/op"), 1e-9);
    }

    @Test
    void convertsThroughput() {
        // 4.889 ops/ms is 4889 ops/s: the factor is the inverse of the time units'
        assertEquals(1000, Units.conversion("ops/ms", "ops/s"), 1e-9);
        assertEquals(1e-6, Units.conversion("ops/s", "ops/us"), 1e-18);
        assertEquals(1 / 60.0, Units.conversion("ops/min", "ops/s"), 1e-12);
    }

    @Test
    void equalUnitsNeedNoConversionEvenWhenUnknown() {
        assertEquals(1, Units.conversion("B/op", "B/op"));
        assertEquals(1, Units.conversion("us/op", "us/op"));
    }

    @Test
    void differentKindsDoNotConvert() {
        assertTrue(Double.isNaN(Units.conversion("us/op", "ops/us")), "time per operation against throughput");
        assertTrue(Double.isNaN(Units.conversion("B/op", "us/op")), "bytes against time");
        assertTrue(Double.isNaN(Units.conversion("fortnights/op", "us/op")), "an unknown time unit");
        assertTrue(Double.isNaN(Units.conversion("counts", "us/op")), "no unit per anything");
    }
}
