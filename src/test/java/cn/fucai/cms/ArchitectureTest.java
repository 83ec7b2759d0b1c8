package cn.fucai.cms;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Package by feature, kept honest: common knows no feature, features form no cycle, resources are nobody's API, and a
 * feature's wire records are its own.
 */
@AnalyzeClasses(packages = "cn.fucai.cms", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule commonDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("cn.fucai.cms.common..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("cn.fucai.cms..").and(resideOutsideOfPackage("cn.fucai.cms.common..")));

    @ArchTest
    static final ArchRule featuresFormNoCycle =
            slices().matching("cn.fucai.cms.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule resourcesAreCalledByNoOtherClass = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Resource")
            .should()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Resource");

    @ArchTest
    static final ArchRule servicesDoNotSpeakHttp = noClasses()
            .that()
            .haveSimpleNameEndingWith("Service")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..");

    /**
     * One way to inject: package-private fields, as the Quarkus CDI guide recommends (no reflection, no proxy-only
     * constructor). A constructor is written only where it derives state from configuration.
     */
    @ArchTest
    static final ArchRule injectedFieldsArePackagePrivate = fields().that()
            .areAnnotatedWith("jakarta.inject.Inject")
            .should()
            .notBePrivate()
            .andShould()
            .notBePublic()
            .andShould()
            .notBeProtected();

    /**
     * A feature's *Dtos are its own: another feature asks its service and gets its published types (PublisherRef,
     * ArticleResponse). The demo loader alone builds other features' requests, as a client would.
     */
    @ArchTest
    static final ArchRule wireRecordsStayInTheirFeature = classes()
            .that()
            .haveNameMatching(".*Dtos(\\$.*)?")
            .should(new ArchCondition<JavaClass>("be used only by their own feature") {
                @Override
                public void check(JavaClass dtos, ConditionEvents events) {
                    for (Dependency dependency : dtos.getDirectDependenciesToSelf()) {
                        String from = dependency.getOriginClass().getPackageName();
                        if (!from.equals(dtos.getPackageName()) && !from.equals("cn.fucai.cms.demo")) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            });
}
