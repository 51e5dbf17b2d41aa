package io.boxoffice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/** Boxoffice: the event-ticketing platform that keeps selling through the on-sale rush. */
@Modulithic(sharedModules = "platform")
@SpringBootApplication
@ConfigurationPropertiesScan
public class Boxoffice {

    public static void main(String[] args) {
        SpringApplication.run(Boxoffice.class, args);
    }
}
