package io.lumos.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoProblemsTest {
    @TempDir
    Path dir;

    @Test
    void eachFailureIsASentenceWithoutThePathOrTheExceptionClass() {
        String path = "/data/orders.csv";
        assertThat(IoProblems.describe(new AccessDeniedException(path)))
                .isEqualTo("permission denied; check its permissions (ls -l) or run Lumos as a user who may read it");
        assertThat(IoProblems.describe(new NoSuchFileException(path)))
                .isEqualTo("no such file or folder; check the path");
        assertThat(IoProblems.describe(new FileSystemLoopException(path)))
                .isEqualTo("symbolic links that loop back on themselves; fix or remove the link");
        assertThat(IoProblems.describe(new FileSystemException(path, null, "Too many levels of symbolic links")))
                .isEqualTo("symbolic links that loop back on themselves; fix or remove the link");
        assertThat(IoProblems.describe(new NotDirectoryException(path)))
                .isEqualTo("a part of the path is a file, not a folder; check the path");
        assertThat(IoProblems.describe(new FileSystemException(path, null, "Is a directory")))
                .isEqualTo("is a folder, not a file; give a file");
        assertThat(IoProblems.describe(new IOException("Input/output error")))
                .isEqualTo("cannot read it: Input/output error");
        for (IOException e : new IOException[] {
            new AccessDeniedException(path), new NoSuchFileException(path), new FileSystemLoopException(path)
        }) {
            assertThat(IoProblems.describe(e)).doesNotContain(path).doesNotContain("Exception");
        }
    }

    @Test
    void whatIsNotAFileIsNamedWithoutOpeningIt() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), "id\n");
        assertThat(IoProblems.notAFile(file)).isNull();
        assertThat(IoProblems.notAFile(dir)).isNull();
        assertThat(IoProblems.notAFile(dir.resolve("absent"))).isNull();
        Path loop = Files.createSymbolicLink(dir.resolve("loop"), Path.of("loop"));
        assertThat(IoProblems.notAFile(loop)).startsWith("is a symbolic link to nothing (or to itself)");
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertThat(IoProblems.notAFile(zero)).startsWith("is a character device, not a file;");
        }
    }
}
