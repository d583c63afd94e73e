package io.pitaya.it.pipeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** A validated argument. */
public record Registration(@NotBlank String name, @Min(1) @Max(99) int level) {
}
