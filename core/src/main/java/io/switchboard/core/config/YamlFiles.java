package io.switchboard.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads an operator's YAML file, turning every failure into a {@link ConfigException} that names the file. */
public final class YamlFiles {
    private YamlFiles() {
    }

    /** The document of {@code file}: null when the file is missing or empty. */
    public static Object load(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromReader(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        } catch (YamlEngineException e) {
            throw new ConfigException(file + " is not valid YAML: " + e.getMessage());
        }
    }
}
