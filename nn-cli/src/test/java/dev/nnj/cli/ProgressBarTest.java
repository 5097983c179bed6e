package dev.nnj.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;

/** The progress bar of an epoch, as an 80-column terminal shows it. */
class ProgressBarTest {

    @Test
    void theRunningLossFitsOnAnEightyColumnLine() {
        List<String> rendered = new ArrayList<>();
        ProgressBarConsumer terminal = new ProgressBarConsumer() {
            @Override
            public int getMaxRenderedLength() {
                return 80;
            }

            @Override
            public void accept(String line) {
                rendered.add(line);
            }

            @Override
            public void close() {
            }
        };
        try (ProgressBar bar = ProgressDisplay.bar(11, 20, 60000, terminal)) {
            bar.stepTo(17280);
            bar.setExtraMessage("  loss 0.5417");
            bar.refresh();
        }
        String line = rendered.stream().filter(l -> l.contains("17280/60000")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no line with the count: " + rendered)).strip();
        assertTrue(line.startsWith("epoch 12/20  28%"), line);
        assertTrue(line.endsWith("loss 0.5417"), line);
        assertTrue(line.length() <= 80, line);
    }
}
