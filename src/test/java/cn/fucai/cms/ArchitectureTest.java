package cn.fucai.cms;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package by feature, kept honest: common knows no feature, features form no cycle, resources are nobody's API. */
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
}
