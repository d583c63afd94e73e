package io.pitaya.core.module;

import io.pitaya.core.config.ConfigReader;
import org.eclipse.microprofile.config.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binary module's settings ({@code pitaya.modules.binary.*}; Pitaya configures it in code with
 * {@code NewBinary(path, args, gracefulShutdownInterval)}).
 *
 * @param command         the program to run (a path, or a name looked up on the server's {@code PATH})
 * @param args            its arguments
 * @param directory       working directory, or null for the server's
 * @param shutdownTimeout how long a stop waits after SIGTERM before killing (Pitaya's default 15 s)
 */
public record BinaryModuleConfig(String command, List<String> args, Path directory, Duration shutdownTimeout) {

    public static final String COMMAND = "pitaya.modules.binary.command";
    public static final String ARGS = "pitaya.modules.binary.args";
    public static final String DIRECTORY = "pitaya.modules.binary.dir";
    public static final String SHUTDOWN_TIMEOUT = "pitaya.modules.binary.shutdowntimeout";
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(15);

    public BinaryModuleConfig {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException(COMMAND + " must name a program");
        }
        args = List.copyOf(args);
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException(SHUTDOWN_TIMEOUT + " must not be negative: " + shutdownTimeout);
        }
    }

    /** The configured module, or empty when {@code pitaya.modules.binary.command} is not set. */
    public static Optional<BinaryModuleConfig> from(Config config) {
        return ConfigReader.string(config, COMMAND).map(command -> new BinaryModuleConfig(command,
                ConfigReader.list(config, ARGS),
                ConfigReader.string(config, DIRECTORY).map(Path::of).orElse(null),
                ConfigReader.duration(config, SHUTDOWN_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT)));
    }

    public List<String> commandLine() {
        List<String> line = new ArrayList<>(args.size() + 1);
        line.add(command);
        line.addAll(args);
        return line;
    }
}
