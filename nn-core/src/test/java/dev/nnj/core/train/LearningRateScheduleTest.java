package dev.nnj.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    private static final float BASE = 0.1f;

    @Test
    void constantKeepsTheBaseRate() {
        LearningRateSchedule schedule = LearningRateSchedule.constant();
        assertEquals(BASE, schedule.rate(BASE, 0));
        assertEquals(BASE, schedule.rate(BASE, 1000));
    }

    @Test
    void stepDecaysEveryStepSizeEpochs() {
        // StepLR(step_size=2, gamma=0.5): η·0.5^⌊epoch/2⌋.
        LearningRateSchedule schedule = LearningRateSchedule.step(2, 0.5f);
        assertEquals(0.1f, schedule.rate(BASE, 0), 1e-9f);
        assertEquals(0.1f, schedule.rate(BASE, 1), 1e-9f);
        assertEquals(0.05f, schedule.rate(BASE, 2), 1e-9f);
        assertEquals(0.05f, schedule.rate(BASE, 3), 1e-9f);
        assertEquals(0.025f, schedule.rate(BASE, 4), 1e-9f);
        assertEquals(0.1f / 1024, schedule.rate(BASE, 21), 1e-12f);
    }

    @Test
    void exponentialDecaysEveryEpoch() {
        LearningRateSchedule schedule = LearningRateSchedule.exponential(0.9f);
        assertEquals(0.1f, schedule.rate(BASE, 0), 1e-9f);
        assertEquals(0.09f, schedule.rate(BASE, 1), 1e-8f);
        assertEquals(0.0729f, schedule.rate(BASE, 3), 1e-8f);
    }

    @Test
    void cosineFollowsTheClosedForm() {
        // η_min + (η − η_min)(1 + cos(π·epoch/10))/2 with η = 0.1, η_min = 0.001:
        // epoch 2: cos(36°) = 0.809016994, so 0.001 + 0.099·0.904508497 = 0.090546341.
        LearningRateSchedule schedule = LearningRateSchedule.cosine(10, 0.001f);
        assertEquals(0.1f, schedule.rate(BASE, 0), 1e-8f);
        assertEquals(0.090546341f, schedule.rate(BASE, 2), 1e-8f);
        assertEquals(0.0505f, schedule.rate(BASE, 5), 1e-8f);
        assertEquals(0.001f, schedule.rate(BASE, 10), 1e-8f);
        // Periodic past totalEpochs, like torch's closed form: back to the midpoint, then to the base rate.
        assertEquals(0.0505f, schedule.rate(BASE, 15), 1e-8f);
        assertEquals(0.1f, schedule.rate(BASE, 20), 1e-8f);
    }

    @Test
    void parseAcceptsEveryDocumentedForm() {
        assertSame(LearningRateSchedule.constant(), LearningRateSchedule.parse("constant"));
        assertEquals(LearningRateSchedule.step(10, 0.5f), LearningRateSchedule.parse("step:10:0.5"));
        assertEquals(LearningRateSchedule.step(3, 0.1f), LearningRateSchedule.parse(" Step:3:0.1 "));
        assertEquals(LearningRateSchedule.exponential(0.95f), LearningRateSchedule.parse("exponential:0.95"));
        assertEquals(LearningRateSchedule.exponential(0.95f), LearningRateSchedule.parse("exp:0.95"));
        assertEquals(LearningRateSchedule.cosine(50, 0f), LearningRateSchedule.parse("cosine:50"));
        assertEquals(LearningRateSchedule.cosine(50, 1e-5f), LearningRateSchedule.parse("cosine:50:1e-5"));
    }

    @Test
    void describeRoundTripsThroughParse() {
        for (LearningRateSchedule schedule : new LearningRateSchedule[] {
                LearningRateSchedule.constant(), LearningRateSchedule.step(7, 0.25f),
                LearningRateSchedule.exponential(0.97f), LearningRateSchedule.cosine(30, 1e-4f)}) {
            assertEquals(schedule, LearningRateSchedule.parse(schedule.describe()), schedule.describe());
        }
        assertEquals("step:10:0.5", LearningRateSchedule.step(10, 0.5f).describe());
    }

    @Test
    void parseErrorsNameTheTextAndTheSyntax() {
        assertParseError("step:10", "step takes 2 argument(s), got 1");
        assertParseError("step:x:0.5", "step size must be an integer, got 'x'");
        assertParseError("exponential:fast", "gamma must be a number, got 'fast'");
        assertParseError("linear:3", "unknown schedule 'linear'");
        assertParseError("cosine:0", "total epochs must be >= 1, got 0");
        assertParseError("exponential:-1", "gamma must be > 0 and finite, got -1.0");
        assertParseError("constant:1", "constant takes 0 argument(s), got 1");
        assertParseError("", "unknown schedule ''");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse(null));
        assertTrue(missing.getMessage().contains("expected constant, step:<stepSize>:<gamma>"), missing.getMessage());
    }

    private static void assertParseError(String text, String reason) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse(text));
        String message = error.getMessage();
        assertTrue(message.startsWith("invalid learning-rate schedule '" + text + "': " + reason), message);
        assertTrue(message.endsWith("expected " + Schedules.SYNTAX), message);
    }

    @Test
    void argumentsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(1, 0f));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(10, -0.1f));
        IllegalArgumentException epoch = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.constant().rate(BASE, -1));
        assertEquals("epoch must be >= 0, got -1", epoch.getMessage());
    }
}
