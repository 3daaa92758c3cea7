package io.lumos.platform.datahub;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a test against the fake GMS shares: one server per test class (JUnit runs the classes one
 * after another), emptied before each test, and a folder per test for dead-letter files.
 */
abstract class FakeGmsTest {
    static FakeGms gms;

    @TempDir
    Path dir;

    @BeforeAll
    static void startGms() throws Exception {
        gms = new FakeGms();
    }

    @AfterAll
    static void stopGms() {
        gms.close();
    }

    @BeforeEach
    void resetGms() {
        gms.reset();
    }
}
